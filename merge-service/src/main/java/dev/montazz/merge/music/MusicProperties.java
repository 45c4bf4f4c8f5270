package dev.montazz.merge.music;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxSize the largest music file kept (ingest refuses larger uploads chunk by chunk as they come; this is the
 *        check on the whole)
 * @param longest the longest music kept: a bed plays under a film, which is minutes long
 */
@Validated
@ConfigurationProperties("montazz.merge.music")
public record MusicProperties(@NotNull DataSize maxSize, @NotNull Duration longest) {
}
