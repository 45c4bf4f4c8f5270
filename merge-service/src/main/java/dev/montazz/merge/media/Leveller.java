package dev.montazz.merge.media;

import java.nio.ShortBuffer;

/** Brings interleaved stereo S16 sound to the film's level; what goes in comes out, in step, possibly later. */
interface Leveller {

    /** Levels whole frames; returns those ready to go out (fewer than went in while something is held back). */
    ShortBuffer level(ShortBuffer in);

    /** Everything still held back, levelled: called once, after the last {@link #level}. */
    ShortBuffer finish();
}
