package dev.montazz.ingest.montage;

import dev.montazz.ingest.Refusal;

/** The person contributes to the montage, but this is for its owner alone. */
public class NotTheOwner extends Refusal {

    NotTheOwner() {
        super("Only the montage's owner can do this");
    }
}
