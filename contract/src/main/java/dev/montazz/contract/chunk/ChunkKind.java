package dev.montazz.contract.chunk;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a record on {@code montazz.chunks} is part of (header {@link ChunkHeaders#KIND}). Every kind travels the same
 * path, one chunk at a time, each confirmed stored before the next is sent; only what merge-service makes of the
 * whole differs.
 */
public enum ChunkKind {

    /** A shot recorded in the studio: the chunks are a WebM or fragmented MP4, joined into the film. */
    TAKE("take"),
    /** The owner's music bed: the chunks are one audio file, mixed under the voices of the film. */
    MUSIC("music"),
    /**
     * A shot from a file (a phone's camera roll, a clip made elsewhere): the chunks are one video file (WebM, MP4,
     * MOV), which joins the film like a recorded take once it is whole and reads as video.
     */
    FILE("file");

    private final String wireName;

    ChunkKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind a header names; a record without the header is a take, as every record was before kinds. */
    public static Optional<ChunkKind> fromWire(String wireName) {
        if (wireName == null) {
            return Optional.of(TAKE);
        }
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(wireName)).findFirst();
    }
}
