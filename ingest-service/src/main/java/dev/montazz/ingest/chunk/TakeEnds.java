package dev.montazz.ingest.chunk;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Ends a take that lost the floor before its last chunk (closed tab, lost network): an empty chunk marked last tells
 * merge-service the take stops before {@code sequence}, so everything acknowledged so far goes into the montage.
 */
@Component
public class TakeEnds {

    private final ChunkPublisher publisher;

    TakeEnds(ChunkPublisher publisher) {
        this.publisher = publisher;
    }

    public void end(String montageId, String takeId, int sequence, String contributorId, String contributor) {
        publisher.publish(new Chunk(montageId, takeId, sequence, true, contributorId, contributor, Instant.now(), null,
                new byte[0]));
    }
}
