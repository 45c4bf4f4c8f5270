package dev.montazz.merge.files;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param dir where merge keeps its local copies (best on the work directory's file system, so a render links them
 *        instead of copying)
 * @param maxSize how much the copies may take on disk before the least recently used go; 0 keeps none
 * @param sweepInterval how often each instance removes its copies of what was deleted on another instance
 */
@Validated
@ConfigurationProperties("montazz.merge.media-cache")
public record MediaCacheProperties(@NotNull Path dir, @NotNull DataSize maxSize, @NotNull Duration sweepInterval) {
}
