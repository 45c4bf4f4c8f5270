package dev.montazz.contract.chunk;

import java.util.List;

/**
 * Headers of a record on {@code montazz.chunks}. Values are UTF-8 strings. An empty record value with {@link #LAST}
 * {@code true} is an end marker: the take ends before {@link #SEQUENCE}.
 */
public final class ChunkHeaders {

    /** The montage id (also the record's key). */
    public static final String MONTAGE = "montazz-montage";
    /** The take id the browser chose; a take is known by montage, contributor id and this id together. */
    public static final String TAKE = "montazz-take";
    /** Sequence number in the take, from 0. */
    public static final String SEQUENCE = "montazz-seq";
    /** {@code true} when this chunk ends the take. */
    public static final String LAST = "montazz-last";
    /** The contributor's account name (the token's subject), set by ingest, never by the browser. */
    public static final String CONTRIBUTOR_ID = "montazz-contributor-id";
    /** The contributor's display name. */
    public static final String CONTRIBUTOR = "montazz-contributor";
    /** Capture time, epoch milliseconds. */
    public static final String CAPTURED_AT = "montazz-captured-at";
    /** Only on chunk 0: the {@link Container} told from its magic bytes, as {@link Container#wireName()}. */
    public static final String CONTAINER = "montazz-container";
    /** What the chunk is part of, as {@link ChunkKind#wireName()}; absent means a take (records made before it). */
    public static final String KIND = "montazz-kind";
    /** Only on the last chunk of an upload of a file (not a take): the file's name, for people to read. */
    public static final String FILE_NAME = "montazz-file-name";
    /**
     * Only on the last chunk of a shot from a file ({@link ChunkKind#FILE}): the longest shot of the montage in
     * seconds, as ingest's floor holds recorded shots to it; a longer file is refused.
     */
    public static final String LONGEST_SECONDS = "montazz-longest-seconds";

    public static final List<String> ALL = List.of(MONTAGE, TAKE, SEQUENCE, LAST, CONTRIBUTOR_ID, CONTRIBUTOR,
            CAPTURED_AT, CONTAINER, KIND, FILE_NAME, LONGEST_SECONDS);

    private ChunkHeaders() {
    }
}
