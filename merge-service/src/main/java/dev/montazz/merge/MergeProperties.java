package dev.montazz.merge;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param chunksTopic chunks published by ingest-service (one montage's chunks in order on one partition)
 * @param chunksPartitions partitions of the chunks topic, which its dead-letter topic must match
 * @param renderRequestsTopic asks for a montage to be (re-)rendered; keyed by montage id
 * @param workDir where takes are assembled and films rendered before they are stored; emptied after each job
 * @param frameRate frame rate of rendered films (recordings are variable frame rate)
 */
@Validated
@ConfigurationProperties("montazz.merge")
public record MergeProperties(@NotBlank String chunksTopic, @Positive int chunksPartitions,
        @NotBlank String renderRequestsTopic, @NotNull Path workDir, @Positive int frameRate) {
}
