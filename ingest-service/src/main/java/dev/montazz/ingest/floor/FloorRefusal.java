package dev.montazz.ingest.floor;

import dev.montazz.ingest.Refusal;

/**
 * A chunk or request the floor does not allow now, with the reason in words for the person; when it is a chunk out of
 * order, the number expected next.
 */
public class FloorRefusal extends Refusal {

    private final Integer expectedSequence;

    FloorRefusal(String reason) {
        this(reason, null);
    }

    FloorRefusal(String reason, Integer expectedSequence) {
        super(reason);
        this.expectedSequence = expectedSequence;
    }

    /** The chunk to send next, when the refusal is about order; otherwise null. */
    public Integer expectedSequence() {
        return expectedSequence;
    }
}
