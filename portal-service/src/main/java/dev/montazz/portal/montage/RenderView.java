package dev.montazz.portal.montage;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** portal-service's read-only view of merge-service's {@code renders} collection. */
@Document("renders")
public record RenderView(@Id String montageId, String status, String videoId, double durationSeconds, int width,
        int height, long sizeBytes, List<ShotView> shots, List<String> problems, String failure,
        Instant renderedAt) {

    public record ShotView(String contributor, double offsetSeconds, double durationSeconds) {
    }

    public boolean playable() {
        return videoId != null;
    }
}
