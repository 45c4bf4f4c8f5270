package dev.montazz.ingest.chunk;

import dev.montazz.ingest.Refusal;

/** merge-service refused the chunk (other bytes are stored under its number); nothing changed. */
public class ChunkRejected extends Refusal {

    ChunkRejected(String reason) {
        super(reason);
    }
}
