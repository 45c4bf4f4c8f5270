package dev.montazz.merge.shotfile;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxSize the largest video file taken as a shot (ingest refuses larger uploads part by part as they come;
 *        this is the check on the whole); how long it may be is the montage's longest shot, which ingest tells
 */
@Validated
@ConfigurationProperties("montazz.merge.shot-files")
public record ShotFileProperties(@NotNull DataSize maxSize) {
}
