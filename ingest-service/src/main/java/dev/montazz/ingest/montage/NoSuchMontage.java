package dev.montazz.ingest.montage;

import dev.montazz.ingest.Refusal;

/** The montage does not exist (or no longer does). */
public class NoSuchMontage extends Refusal {

    NoSuchMontage(String montageId) {
        super("There is no montage " + montageId);
    }
}
