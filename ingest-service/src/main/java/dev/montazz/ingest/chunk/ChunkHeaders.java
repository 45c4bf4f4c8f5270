package dev.montazz.ingest.chunk;

/** Names of the Kafka record headers that carry a chunk's metadata (the value is the chunk's bytes). */
final class ChunkHeaders {

    static final String MONTAGE = "montazz-montage";
    static final String TAKE = "montazz-take";
    static final String SEQUENCE = "montazz-seq";
    static final String LAST = "montazz-last";
    static final String CONTRIBUTOR_ID = "montazz-contributor-id";
    static final String CONTRIBUTOR = "montazz-contributor";
    static final String CAPTURED_AT = "montazz-captured-at";
    static final String CONTAINER = "montazz-container";

    private ChunkHeaders() {
    }
}
