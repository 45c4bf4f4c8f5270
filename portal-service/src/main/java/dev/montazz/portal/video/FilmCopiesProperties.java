package dev.montazz.portal.video;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param dir where the portal keeps its copies of films (its own disk: each instance its own)
 * @param maxSize how much the copies may take before the least recently watched go; 0 keeps none (every film is then
 *        served from MongoDB)
 * @param sweepInterval how often copies of films that are no longer a montage's film (re-rendered, deleted) are
 *        removed
 */
@Validated
@ConfigurationProperties("montazz.portal.film-copies")
public record FilmCopiesProperties(@NotNull Path dir, @NotNull DataSize maxSize, @NotNull Duration sweepInterval) {
}
