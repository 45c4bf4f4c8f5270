package dev.montazz.merge.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.ArrayDeque;

/**
 * Levels a take's sound while it is being recorded, when its integrated loudness is not known yet: the sound is held
 * back a few seconds and measured as it comes in, so what goes out is levelled by the loudness of everything heard so
 * far, seconds ahead of it. A take no longer than the hold is levelled exactly as from the whole recording; a longer
 * one starts at the gain its first seconds need and glides (up 2 dB a second, down 8) as the measure settles, so steady
 * speech ends where the whole-recording measure would have put it. Holding back costs nothing at the take's end
 * beyond encoding the held seconds.
 */
final class RunningLeveller implements Leveller {

    /** Seconds of sound held back and measured before any goes out. */
    static final int HOLD_SECONDS = 5;

    private static final int CHANNELS = FilmFormat.CHANNELS;
    private static final int HOLD = FilmFormat.SAMPLE_RATE * HOLD_SECONDS;
    /** How often the gain is worked out again, in frames of sound. */
    private static final int REMEASURE = FilmFormat.SAMPLE_RATE;

    private final Loudness meter = new Loudness();
    private final SoundLeveller leveller = SoundLeveller.limiter();
    private final ArrayDeque<short[]> held = new ArrayDeque<>();
    private int heldFrames;
    private int sinceMeasured;
    private boolean started;

    @Override
    public ShortBuffer level(ShortBuffer in) {
        meter.add(in);
        short[] copy = new short[in.remaining() & ~1];
        in.duplicate().get(copy);
        held.addLast(copy);
        heldFrames += copy.length / CHANNELS;
        sinceMeasured += copy.length / CHANNELS;
        if (heldFrames <= HOLD) {
            return empty();
        }
        if (!started) {
            leveller.setGain(SoundLeveller.gainDbFor(meter.integrated()));
            started = true;
            sinceMeasured = 0;
        } else if (sinceMeasured >= REMEASURE) {
            leveller.glideTo(SoundLeveller.gainDbFor(meter.integrated()));
            sinceMeasured = 0;
        }
        return release(heldFrames - HOLD);
    }

    @Override
    public ShortBuffer finish() {
        double gainDb = SoundLeveller.gainDbFor(meter.integrated());
        if (started) {
            leveller.glideTo(gainDb);
        } else {
            leveller.setGain(gainDb);
        }
        ShortBuffer rest = release(heldFrames);
        ShortBuffer tail = leveller.finish();
        ShortBuffer out = buffer(rest.remaining() + tail.remaining());
        out.put(rest).put(tail);
        return out.flip();
    }

    double gainDb() {
        return leveller.gainDb();
    }

    /** Sends the first {@code frames} held frames through the leveller. */
    private ShortBuffer release(int frames) {
        ShortBuffer in = buffer(frames * CHANNELS);
        int left = frames * CHANNELS;
        while (left > 0) {
            short[] first = held.pollFirst();
            if (first.length <= left) {
                in.put(first);
                left -= first.length;
            } else {
                in.put(first, 0, left);
                held.addFirst(java.util.Arrays.copyOfRange(first, left, first.length));
                left = 0;
            }
        }
        heldFrames -= frames;
        return leveller.level(in.flip());
    }

    private static ShortBuffer empty() {
        return buffer(0);
    }

    private static ShortBuffer buffer(int samples) {
        return ByteBuffer.allocateDirect(Math.max(samples, CHANNELS) * Short.BYTES).order(ByteOrder.nativeOrder())
                .asShortBuffer().limit(samples);
    }
}
