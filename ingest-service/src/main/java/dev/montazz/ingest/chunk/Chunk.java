package dev.montazz.ingest.chunk;

import java.time.Duration;
import java.time.Instant;

import dev.montazz.contract.chunk.ChunkKind;
import dev.montazz.contract.chunk.Container;

/**
 * One piece of a take as a browser sent it.
 *
 * @param contributorId the contributor's account name: with the montage, it scopes the browser's take id
 * @param container the take's container for its first chunk; {@code null} for continuation chunks and uploads
 * @param kind a take, or an upload of a file
 * @param fileName the uploaded file's name, on an upload's last chunk; {@code null} otherwise
 * @param longest on the last chunk of a shot from a file, the longest shot of the montage; {@code null} otherwise
 */
record Chunk(String montageId, String takeId, int sequence, boolean last, String contributorId, String contributor,
        Instant capturedAt, Container container, byte[] data, ChunkKind kind, String fileName,
        Duration longest) {

    /** A chunk of a take recorded in the studio. */
    static Chunk ofTake(String montageId, String takeId, int sequence, boolean last, String contributorId,
            String contributor, Instant capturedAt, Container container, byte[] data) {
        return new Chunk(montageId, takeId, sequence, last, contributorId, contributor, capturedAt, container, data,
                ChunkKind.TAKE, null, null);
    }
}
