package dev.montazz.ingest.chunk;

import java.io.IOException;

/** Where a chunk's bytes come from, read only once everything else about the chunk was allowed. */
interface ChunkSource {

    /** The length the sender declared, or -1 when it did not. */
    long declaredLength();

    byte[] read() throws IOException;
}
