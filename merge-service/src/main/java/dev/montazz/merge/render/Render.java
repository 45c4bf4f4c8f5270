package dev.montazz.merge.render;

import java.time.Instant;
import java.util.List;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.render.FilmPiece;
import dev.montazz.contract.render.FilmLayout;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.media.FilmFacts;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

/**
 * The state and result of a montage's latest render; the portal reads it as the contract's {@code RenderView} (the
 * groups below are stored flat, as that read model expects). The film it names is complete: a film is uploaded to
 * GridFS first and only then named here, so a crash mid-render never exposes half a film.
 *
 * @param layout how the film lays its takes out; a change of it asks for a new film
 * @param film the film made last, kept while a new one is being made; null until a first render has finished
 * @param failure why the last render failed, in words a person can read; null otherwise
 * @param timing when it was asked for and made; null until a first render has finished
 */
@Document(MongoCollections.RENDERS)
public record Render(@Id String montageId, String title, RenderStatus status, FilmLayout layout,
        @Unwrapped.Nullable Film film, String failure, @Unwrapped.Nullable Timing timing) {

    /**
     * A finished film.
     *
     * @param videoId the GridFS id (bucket {@code videos}) of the film
     * @param thumbnailId the GridFS id (bucket {@code thumbnails}) of a JPEG still of the film
     * @param shots the takes in it, in order
     * @param problems takes skipped or repaired, in words a person can read
     * @param music the music bed under it; null when it has none
     * @param pieces its bytes when it is stored in pieces, its head ({@code videoId}) first; empty when the file
     *     {@code videoId} is the whole film
     */
    public record Film(String videoId, String thumbnailId, @Unwrapped.Nullable FilmFacts facts, List<Shot> shots,
            List<String> problems, @Unwrapped.Nullable Music music, List<FilmPiece> pieces) {

        public Film(String videoId, String thumbnailId, FilmFacts facts, List<Shot> shots, List<String> problems) {
            this(videoId, thumbnailId, facts, shots, problems, null, List.of());
        }

        @Override
        public List<FilmPiece> pieces() {
            return pieces == null ? List.of() : pieces;
        }

        @Override
        public List<Shot> shots() {
            return shots == null ? List.of() : shots;
        }
    }

    /**
     * One take in the film: who recorded it and where it starts.
     *
     * @param thumbnailId GridFS id (bucket {@code thumbnails}) of a still from the take
     * @param trimStart where the film's part of the take begins in it, when the owner trimmed it; null otherwise
     * @param trimEnd likewise, where it ends
     */
    public record Shot(String takeId, String contributor, double offsetSeconds, double durationSeconds,
            String thumbnailId, Double trimStart, Double trimEnd) {

        /** The take placed in a film, with its trim if it is trimmed. */
        static Shot of(dev.montazz.merge.take.Take take, double offsetSeconds, double durationSeconds) {
            dev.montazz.merge.take.Take.Trimmed trim = take.trimmed();
            boolean trimmed = trim != null && trim.trimmedId() != null
                    && trim.trimmedId().equals(take.normalisedId());
            return new Shot(take.id(), take.contributor(), offsetSeconds, durationSeconds, take.thumbnailId(),
                    trimmed ? trim.trimStart() : null, trimmed ? trim.trimEnd() : null);
        }
    }

    /** Which music bed plays under a film, and at which level: a film with another needs making again. */
    public record Music(String musicId, Double musicLevel) {
    }

    /** When the film was asked for, when it was stored, and how long making it took. */
    public record Timing(Instant requestedAt, Instant renderedAt, Long renderMillis) {
    }

    /** The film's id in GridFS, or null when there is no film. */
    public String videoId() {
        return film == null ? null : film.videoId();
    }

    public String thumbnailId() {
        return film == null ? null : film.thumbnailId();
    }

    public List<Shot> shots() {
        return film == null ? List.of() : film.shots();
    }

    /** The film's pieces; empty when it has none or is one whole file. */
    public List<FilmPiece> pieces() {
        return film == null ? List.of() : film.pieces();
    }
}
