package dev.montazz.ingest.chunk;

import dev.montazz.ingest.Refusal;

/** The person is already sending as many chunks at once as allowed. */
public class TooManyUploads extends Refusal {

    TooManyUploads(int perPerson) {
        super("You are already sending " + perPerson + " chunks at once; wait for their answers before sending more");
    }
}
