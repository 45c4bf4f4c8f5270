package dev.montazz.merge.chunk;

import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Where one chunk's time in merge went: how long it travelled from ingest's send to this listener (the broker's
 * append and acknowledgement, the consumer's fetch), then each step of storing it. Its receipt then travels back as
 * a record of its own, so ingest's "stored" step is about {@code delivery + the steps + the receipt's way back}.
 * Not thread-safe: one chunk's.
 */
final class StoreTimings {

    /** The steps of {@link ChunkStoreListener#store}, in order; each is the time since the step before. */
    enum Step {
        /** the chunk's bytes hashed and inserted */
        INSERT,
        /** the contributor's stored bytes counted */
        USAGE,
        /** the take's own state (started, finished) and the news of what is stored */
        TAKE,
        /** the receipt written */
        RECEIPT;

        private final String label = name().toLowerCase(Locale.ROOT);
    }

    private final long deliveryMillis;
    private final long started = System.nanoTime();
    private final long[] nanos = new long[Step.values().length];
    private long last = started;

    /** @param deliveryMillis from the record's timestamp (ingest's send) to this listener's start */
    StoreTimings(long deliveryMillis) {
        this.deliveryMillis = Math.max(0, deliveryMillis);
    }

    void done(Step step) {
        long now = System.nanoTime();
        nanos[step.ordinal()] += now - last;
        last = now;
    }

    /** From ingest's send to the last mark. */
    Duration total() {
        return Duration.ofMillis(deliveryMillis).plusNanos(last - started);
    }

    /** As the log gives it: {@code "31.4 ms (delivery 6.0, insert 3.1, usage 1.2, take 0.4, receipt 0.1 ms)"}. */
    @Override
    public String toString() {
        StringJoiner steps = new StringJoiner(", ", " (", " ms)");
        steps.add("delivery " + millis(deliveryMillis * 1_000_000));
        for (Step step : Step.values()) {
            steps.add(step.label + " " + millis(nanos[step.ordinal()]));
        }
        return millis(total().toNanos()) + " ms" + steps;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
