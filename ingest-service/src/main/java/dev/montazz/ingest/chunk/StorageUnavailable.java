package dev.montazz.ingest.chunk;

import dev.montazz.ingest.Refusal;

/**
 * The chunk could not be confirmed as stored right now (the broker or merge-service did not answer in time); sending
 * it again is safe, since a re-sent chunk is stored once.
 */
public class StorageUnavailable extends Refusal {

    StorageUnavailable(String why, Throwable cause) {
        super("The chunk could not be stored right now (" + why + "). Send it again: re-sends are safe.", cause);
    }
}
