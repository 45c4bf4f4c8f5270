package dev.montazz.contract.take;

/**
 * A stored chunk as the portal reads it from merge-service's {@code chunks} collection, for a person's archive: a take
 * is its chunks' bytes in {@code sequence} order.
 */
public record ChunkView(String id, String takeId, int sequence, byte[] data) {

    /** Field names readers query and sort by. */
    public static final String TAKE_ID = "takeId";
    public static final String SEQUENCE = "sequence";
}
