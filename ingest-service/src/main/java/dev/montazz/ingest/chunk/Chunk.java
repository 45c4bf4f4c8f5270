package dev.montazz.ingest.chunk;

import java.time.Instant;

import dev.montazz.contract.chunk.Container;

/**
 * One piece of a take as a browser sent it.
 *
 * @param contributorId the contributor's account name: with the montage, it scopes the browser's take id
 * @param container the take's container for its first chunk; {@code null} for continuation chunks
 */
record Chunk(String montageId, String takeId, int sequence, boolean last, String contributorId, String contributor,
        Instant capturedAt, Container container, byte[] data) {
}
