package dev.montazz.merge.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.ArrayDeque;

/**
 * Brings a take's sound to the film's loudness (EBU R128: -16 LUFS integrated): one gain for the whole take, so its
 * dynamics stay as recorded, and a look-ahead limiter for the peaks the gain would push too high. The limiter's gain is
 * the smallest gain any sample of the next 5 ms needs, averaged over 5 ms (so it glides down and reaches what a peak
 * needs exactly at the peak: no clicks, no overshoot), and it recovers over about 80 ms. Stereo channels share one
 * gain. What goes in comes out in step: the look-ahead is taken back out, so picture and sound stay in sync.
 */
final class SoundLeveller implements Leveller {

    static final double TARGET_LUFS = -16;
    /** Sample peaks stay under this, so peaks between samples and after AAC stay at or under -1.5 dBTP. */
    static final double CEILING_DB = -2.5;
    /** Takes are not raised more than this: beyond it there is mostly noise to raise. */
    static final double MAX_GAIN_DB = 30;

    private static final int CHANNELS = FilmFormat.CHANNELS;
    private static final int LOOKAHEAD = FilmFormat.SAMPLE_RATE * 5 / 1000;
    private static final double RECOVERY = 1 - Math.exp(-1 / (0.08 * FilmFormat.SAMPLE_RATE));

    /**
     * How fast a gain told by {@link #glideTo} is reached, per frame: up slowly enough that no one hears the level
     * move (2 dB a second), down faster (8 dB a second), since sound too loud is worse than sound a little quiet.
     */
    private static final double GLIDE_UP = Math.pow(10, 2.0 / 20 / FilmFormat.SAMPLE_RATE);
    private static final double GLIDE_DOWN = Math.pow(10, 8.0 / 20 / FilmFormat.SAMPLE_RATE);

    private double gain;
    private double target;
    private final double ceiling = 32767 * Math.pow(10, CEILING_DB / 20);
    /** Samples waiting for the look-ahead, as many frames as it is long (a frame: one sample per channel). */
    private final short[] delay = new short[LOOKAHEAD * CHANNELS];
    /** Indices and needed gains of the frames in the look-ahead, increasing gains: the front is the window's least. */
    private final ArrayDeque<double[]> least = new ArrayDeque<>();
    private final double[] window = new double[LOOKAHEAD];
    private double windowSum = LOOKAHEAD;
    private double limiter = 1;
    /** Frames pushed so far, counting the look-ahead's worth of silence pushed first. */
    private long pushed;

    private SoundLeveller(double gainDb) {
        this.gain = Math.pow(10, gainDb / 20);
        this.target = gain;
        java.util.Arrays.fill(window, 1);
        for (int i = 0; i < LOOKAHEAD - 1; i++) {
            push((short) 0, (short) 0, null);
        }
    }

    /** The leveller for a take of this integrated loudness (LUFS); silence and near-silence are left as they are. */
    static SoundLeveller forLoudness(double integrated) {
        return new SoundLeveller(gainDbFor(integrated));
    }

    /** The limiter alone: sound that is already at its level keeps its peaks under the ceiling. */
    static SoundLeveller limiter() {
        return new SoundLeveller(0);
    }

    double gainDb() {
        return 20 * Math.log10(gain);
    }

    /** The gain for a take of this integrated loudness, in dB (as {@link #forLoudness} sets it). */
    static double gainDbFor(double integrated) {
        return Double.isNaN(integrated) || integrated < Loudness.SILENCE ? 0
                : Math.min(MAX_GAIN_DB, TARGET_LUFS - integrated);
    }

    /** From the next sample on, this gain (before any of the take's sound has gone out). */
    void setGain(double gainDb) {
        gain = Math.pow(10, gainDb / 20);
        target = gain;
    }

    /** Moves to this gain gradually, for sound whose loudness is learnt as it comes. */
    void glideTo(double gainDb) {
        target = Math.pow(10, gainDb / 20);
    }

    /** Levels interleaved stereo samples (whole frames); returns those that leave the look-ahead (as many as went in, overall). */
    @Override
    public ShortBuffer level(ShortBuffer in) {
        ShortBuffer out = buffer(in.remaining());
        for (int i = in.position(); i + 1 < in.limit(); i += 2) {
            push(in.get(i), in.get(i + 1), out);
        }
        return out.flip();
    }

    /** The samples still in the look-ahead, levelled: called once, after the last {@link #level}. */
    @Override
    public ShortBuffer finish() {
        ShortBuffer out = buffer(LOOKAHEAD * CHANNELS);
        for (int i = 0; i < LOOKAHEAD - 1; i++) {
            push((short) 0, (short) 0, out);
        }
        return out.flip();
    }

    private void push(short left, short right, ShortBuffer out) {
        long index = pushed++;
        if (gain != target) {
            gain = gain < target ? Math.min(target, gain * GLIDE_UP) : Math.max(target, gain / GLIDE_DOWN);
        }
        double loudest = Math.max(Math.abs(left), Math.abs(right)) * gain;
        double needed = loudest > ceiling ? ceiling / loudest : 1;
        while (!least.isEmpty() && least.peekLast()[1] >= needed) {
            least.pollLast();
        }
        least.addLast(new double[] {index, needed});
        while (least.peekFirst()[0] <= index - LOOKAHEAD) {
            least.pollFirst();
        }
        // The frame leaving now is the oldest in the look-ahead; the least gain of the window starting at it...
        long leaving = index - (LOOKAHEAD - 1);
        int slot = (int) Math.floorMod(leaving, (long) LOOKAHEAD);
        windowSum += least.peekFirst()[1] - window[slot];
        window[slot] = least.peekFirst()[1];
        // ...averaged with those of the windows before it, each of which also holds this frame's own need.
        double smooth = windowSum / LOOKAHEAD;
        limiter = Math.min(smooth, limiter + (1 - limiter) * RECOVERY);
        int entering = (int) Math.floorMod(index, (long) LOOKAHEAD) * CHANNELS;
        delay[entering] = left;
        delay[entering + 1] = right;
        // Frames before the look-ahead's worth of silence pushed first are not the take's: they never go out.
        if (out != null && leaving >= LOOKAHEAD - 1) {
            out.put(clip(delay[slot * CHANNELS] * gain * limiter));
            out.put(clip(delay[slot * CHANNELS + 1] * gain * limiter));
        }
    }

    private static short clip(double sample) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(sample)));
    }

    private static ShortBuffer buffer(int samples) {
        return ByteBuffer.allocateDirect(Math.max(samples, CHANNELS) * Short.BYTES).order(ByteOrder.nativeOrder())
                .asShortBuffer();
    }
}
