package dev.montazz.ingest.chunk;

import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Where one chunk's time in ingest went, step by step. A chunk slower than {@code montazz.ingest.slow-chunk} is
 * logged with it, so that a slow round trip says what it waited for: the floor (MongoDB), the broker's
 * acknowledgement or merge-service storing it. Not thread-safe: one request's.
 */
final class ChunkTimings {

    /** The steps of {@link ChunkIntake#take}, in order; each is the time since the step before. */
    enum Step {
        /** waiting for one of the person's upload slots */
        SLOT,
        /** the montage and its contributors looked up */
        MEMBERSHIP,
        /** the floor read: is this person on air with this take */
        ADMIT,
        /** the person's stored bytes looked up */
        QUOTA,
        /** the body read and its container recognised */
        BODY,
        /** the floor written: the chunk is on its way */
        RECORD,
        /** the broker's acknowledgement (acks=all) */
        BROKER,
        /** merge-service's receipt: the chunk is stored */
        STORED,
        /** the floor written: the chunk is acknowledged */
        ACKNOWLEDGE;

        private final String label = name().toLowerCase(Locale.ROOT);
    }

    private final long started = System.nanoTime();
    private final long[] nanos = new long[Step.values().length];
    private long last = started;

    /** Marks the end of {@code step}: it took the time since the last mark. */
    void done(Step step) {
        long now = System.nanoTime();
        nanos[step.ordinal()] += now - last;
        last = now;
    }

    /** From the start to the last mark. */
    Duration total() {
        return Duration.ofNanos(last - started);
    }

    /** As the log gives it: {@code "152.3 ms (slot 0.0, membership 0.4, ..., acknowledge 8.1 ms)"}. */
    @Override
    public String toString() {
        StringJoiner steps = new StringJoiner(", ", " (", " ms)");
        for (Step step : Step.values()) {
            steps.add(step.label + " " + millis(nanos[step.ordinal()]));
        }
        return millis(last - started) + " ms" + steps;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
