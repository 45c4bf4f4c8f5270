package dev.montazz.merge.render;

import java.time.Instant;
import java.util.List;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.render.FilmLayout;
import dev.montazz.contract.render.RenderStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The state and result of a montage's latest render; portal-service reads it. The video it names is complete: a film
 * is uploaded to GridFS first and only then named here, so a crash mid-render never exposes half a film.
 *
 * @param layout how the film lays its takes out; a change of it asks for a new film
 * @param videoId the GridFS id (bucket {@code videos}) of the film, kept from the previous render while re-rendering
 * @param thumbnailId the GridFS id (bucket {@code thumbnails}) of a JPEG still of the film
 * Film facts are {@code null} until a first render has finished.
 *
 * @param problems takes skipped or repaired, in words a person can read
 */
@Document(MongoCollections.RENDERS)
public record Render(@Id String montageId, String title, RenderStatus status, FilmLayout layout, String videoId,
        String thumbnailId,
        Long sizeBytes, Double durationSeconds, Integer width, Integer height, String videoCodec, String audioCodec,
        List<Shot> shots, List<String> problems, String failure, Instant requestedAt, Instant renderedAt,
        Long renderMillis) {

    /**
     * One take in the film: who recorded it and where it starts.
     *
     * @param thumbnailId GridFS id (bucket {@code thumbnails}) of a still from the take
     */
    public record Shot(String takeId, String contributor, double offsetSeconds, double durationSeconds,
            String thumbnailId) {
    }
}
