package dev.montazz.ingest.usage;

import dev.montazz.ingest.Refusal;

/** Storing more would take the person past their quota; says what is used and what the limit is. */
public class QuotaExceeded extends Refusal {

    private final long usedBytes;
    private final long limitBytes;

    QuotaExceeded(long usedBytes, long limitBytes) {
        super("Your recordings use " + DataSizes.words(usedBytes) + " of your " + DataSizes.words(limitBytes)
                + ". Delete a montage of yours to make room, or ask an administrator for more");
        this.usedBytes = usedBytes;
        this.limitBytes = limitBytes;
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
