package dev.montazz.ingest.floor;

import dev.montazz.ingest.Refusal;

/**
 * So many changes raced for one floor that this one lost every attempt: nothing changed, and trying again shortly
 * will do (a retryable answer, not an error of the platform).
 */
public class FloorBusy extends Refusal {

    FloorBusy(String montageId) {
        super("The floor of this montage is busy right now; try again in a moment");
    }
}
