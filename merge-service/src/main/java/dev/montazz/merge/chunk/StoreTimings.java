package dev.montazz.merge.chunk;

import java.time.Duration;
import java.util.Locale;

/**
 * Where one chunk's time in merge went: how long it travelled from ingest's send to this listener (the broker's
 * append and acknowledgement, the consumer's fetch), the steps to its receipt, and what is done after the receipt.
 * The receipt then travels back as a record of its own, so ingest's "stored" step is about the time to the receipt
 * plus the receipt's way back. Not thread-safe: one chunk's.
 */
final class StoreTimings {

    /** The steps of {@link ChunkStoreListener#store}, in order; each is the time since the step before. */
    enum Step {
        /** the chunk's bytes hashed and inserted */
        INSERT,
        /** the take's own state when the chunk changes it (started, finished) */
        TAKE,
        /** the receipt sent */
        RECEIPT,
        /** after the receipt: the contributor's stored bytes counted */
        USAGE,
        /** after the receipt: the news of what is stored, for a chunk in the middle of a take */
        NEWS
    }

    private final long deliveryNanos;
    private final long started = System.nanoTime();
    private final long[] nanos = new long[Step.values().length];
    private long last = started;

    /** @param deliveryMillis from the record's timestamp (ingest's send) to this listener's start */
    StoreTimings(long deliveryMillis) {
        this.deliveryNanos = Math.max(0, deliveryMillis) * 1_000_000;
    }

    void done(Step step) {
        long now = System.nanoTime();
        nanos[step.ordinal()] += now - last;
        last = now;
    }

    /** From ingest's send to the receipt sent: what the chunk's round trip waited for here. */
    Duration toReceipt() {
        return Duration.ofNanos(deliveryNanos + nanos(Step.INSERT) + nanos(Step.TAKE) + nanos(Step.RECEIPT));
    }

    /**
     * As the log gives it: {@code "31.4 ms (delivery 6.0, insert 3.1, take 0.0, receipt 0.2 ms); after it: usage 1.2,
     * news 0.4 ms"}.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%s ms (delivery %s, insert %s, take %s, receipt %s ms); after it: usage %s, news %s ms",
                millis(toReceipt().toNanos()), millis(deliveryNanos), millis(nanos(Step.INSERT)),
                millis(nanos(Step.TAKE)), millis(nanos(Step.RECEIPT)), millis(nanos(Step.USAGE)),
                millis(nanos(Step.NEWS)));
    }

    private long nanos(Step step) {
        return nanos[step.ordinal()];
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
