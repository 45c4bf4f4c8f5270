package dev.montazz.ingest.montage;

import dev.montazz.ingest.Refusal;

/** The person may see the montage but not record into it. */
public class NotAContributor extends Refusal {

    NotAContributor() {
        super("You are not a contributor of this montage; ask its owner for an invitation");
    }
}
