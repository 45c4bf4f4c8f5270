package dev.montazz.contract.render;

import dev.montazz.contract.montage.Layout;
import dev.montazz.contract.montage.Transition;

/** How a film lays its takes out, as a render records it: what a montage's layout and transition make together. */
public enum FilmLayout {
    /** One take after another, cut. */
    CUT,
    /** One take after another, each dissolving into the next. */
    CROSSFADE,
    /** Up to nine takes side by side. */
    GRID;

    /** A grid ignores the transition: its takes play at once. */
    public static FilmLayout of(Layout layout, Transition transition) {
        if (layout == Layout.GRID) {
            return GRID;
        }
        return transition == Transition.CROSSFADE ? CROSSFADE : CUT;
    }
}
