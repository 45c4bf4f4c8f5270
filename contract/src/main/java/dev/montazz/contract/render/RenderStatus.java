package dev.montazz.contract.render;

/** Where a montage's film stands, as pages show it and as {@code renders} and {@code montazz.render-progress} say it. */
public enum RenderStatus {
    /** No render yet: the montage is still being recorded. Never stored; pages show it for a montage without a render. */
    RECORDING,
    /** A portal asked for a render and no merge instance has started it; said only by that portal, to its pages. */
    QUEUED,
    RENDERING,
    /** The film named in the render is complete and playable. */
    READY,
    /** The last render failed; its {@code failure} says why. A previous film, if any, stays playable. */
    FAILED;

    /** Whether nothing more will happen to this render unless someone asks again. */
    public boolean finished() {
        return this == READY || this == FAILED;
    }
}
