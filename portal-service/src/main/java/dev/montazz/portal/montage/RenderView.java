package dev.montazz.portal.montage;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * portal-service's read-only view of merge-service's {@code renders} collection. Film facts are {@code null} until a
 * first render has finished.
 */
@Document("renders")
public record RenderView(@Id String montageId, String status, String videoId, String thumbnailId,
        Double durationSeconds, Integer width,
        Integer height, Long sizeBytes, String videoCodec, String audioCodec, List<ShotView> shots, List<String> problems, String failure,
        Instant renderedAt, Long renderMillis) {

    public record ShotView(String contributor, double offsetSeconds, double durationSeconds, String thumbnailId) {
    }

    /** Never null: a render that has not finished yet has no shots. */
    @Override
    public List<ShotView> shots() {
        return shots == null ? List.of() : shots;
    }

    public boolean playable() {
        return videoId != null;
    }
}
