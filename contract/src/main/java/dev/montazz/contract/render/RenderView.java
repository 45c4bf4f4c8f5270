package dev.montazz.contract.render;

import java.time.Instant;
import java.util.List;

/**
 * What other services read of a montage's latest render in merge-service's {@code renders} collection ({@code _id} is
 * the montage id). The film it names is complete: merge stores a film first and only then names it. Film facts are
 * {@code null} until a first render has finished.
 *
 * @param videoId GridFS id (bucket {@code videos}) of the film, kept from the previous render while re-rendering
 * @param thumbnailId GridFS id (bucket {@code thumbnails}) of a JPEG still of the film
 * @param shots the takes in the film, in order
 * @param problems takes skipped or repaired, in words a person can read
 * @param failure why the last render failed; {@code null} otherwise
 * @param pieces the film's bytes when it is stored in pieces (its head, {@code videoId}, first); empty when the file
 *     {@code videoId} is the whole film
 */
public record RenderView(String id, RenderStatus status, String videoId, String thumbnailId, Double durationSeconds,
        Integer width, Integer height, Long sizeBytes, String videoCodec, String audioCodec, List<ShotView> shots,
        List<String> problems, String failure, Instant renderedAt, Long renderMillis, List<FilmPiece> pieces) {

    /**
     * One take in the film: who recorded it and where it starts.
     *
     * @param thumbnailId GridFS id (bucket {@code thumbnails}) of a still from the take
     */
    public record ShotView(String contributor, double offsetSeconds, double durationSeconds, String thumbnailId) {
    }

    /** Never null: a render that has not finished yet has no shots. */
    @Override
    public List<ShotView> shots() {
        return shots == null ? List.of() : shots;
    }

    /** Never null. */
    @Override
    public List<String> problems() {
        return problems == null ? List.of() : problems;
    }

    /** Never null. */
    @Override
    public List<FilmPiece> pieces() {
        return pieces == null ? List.of() : pieces;
    }

    public String montageId() {
        return id;
    }

    public boolean playable() {
        return videoId != null;
    }

    /** Whether a render is under way (a previous film, if any, stays playable meanwhile). */
    public boolean rendering() {
        return status == RenderStatus.RENDERING;
    }
}
