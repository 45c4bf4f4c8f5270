package dev.montazz.contract.chunk;

/**
 * merge-service's answer to a chunk, on {@code montazz.chunk-receipts}, to the ingest instance that sent it.
 *
 * @param partition where the chunk (or, for a duplicate, its stored copy) was read
 * @param offset likewise
 * @param reason why a chunk was rejected, in words a person can read; {@code null} otherwise
 */
public record StoreReply(Status status, int partition, long offset, String reason) {

    public enum Status {
        /** Stored for the first time. */
        STORED,
        /** The same bytes were already stored under this number; nothing changed. */
        DUPLICATE,
        /** Other bytes are stored under this number (or the chunk cannot be taken); nothing changed. */
        REJECTED,
        /**
         * The last chunk of an uploaded file completed a file that is not of the kind uploaded (probed, not guessed
         * from its name); every chunk of it was let go and nothing changed.
         */
        UNREADABLE
    }
}
