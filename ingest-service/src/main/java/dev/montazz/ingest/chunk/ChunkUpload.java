package dev.montazz.ingest.chunk;

import java.time.Instant;

import dev.montazz.ingest.floor.ChunkAdmission;

/**
 * A chunk someone sends, as the URL and headers describe it (its bytes come separately).
 *
 * @param fence the turn it belongs to
 * @param last whether it ends the take
 * @param capturedAt when the browser captured it
 */
record ChunkUpload(String montageId, String takeId, int sequence, long fence, boolean last, Instant capturedAt) {

    ChunkAdmission.Chunk forFloor() {
        return new ChunkAdmission.Chunk(fence, takeId, sequence);
    }
}
