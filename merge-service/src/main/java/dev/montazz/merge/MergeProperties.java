package dev.montazz.merge;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param workDir where takes are assembled and films rendered before they are stored; emptied after each job
 * @param film what every film and every normalised take looks like
 * @param storageSweep how GridFS is cleared of what a crashed instance left behind, and recordings of old takes
 */
@Validated
@ConfigurationProperties("montazz.merge")
public record MergeProperties(@NotNull Path workDir,
        @Valid @NotNull Film film, @Valid @NotNull StorageSweep storageSweep) {

    /**
     * Takes are normalised to this format as soon as they end, so a film is mostly their concatenation.
     *
     * @param width film width in pixels (even); takes of another shape are letterboxed
     * @param height film height in pixels (even)
     * @param frameRate constant frame rate of films (browser recordings are variable frame rate)
     * @param captionSeconds how long a contributor's name stays on screen at the start of their shot
     * @param titleSeconds length of the title card that opens a film; 0 for none
     */
    public record Film(@Min(160) @Max(3840) int width, @Min(120) @Max(2160) int height,
            @Min(10) @Max(60) int frameRate, @PositiveOrZero double captionSeconds,
            @PositiveOrZero double titleSeconds) {
    }

    /**
     * @param grace how old an unused file or an unfinished upload must be before it goes: longer than any upload or
     *     render, so work in progress on any instance is never touched
     * @param interval time between sweeps (the first comes a couple of minutes after start)
     * @param keepRecordings how long a take's recording (its chunks as the browser sent them) is kept after its
     *     normalised copy was: past it, the chunks go and the take lives on as that copy (it can still be trimmed,
     *     but no longer framed anew). {@code 0} keeps recordings for as long as their montage
     */
    public record StorageSweep(@NotNull Duration grace, @NotNull Duration interval, @NotNull Duration keepRecordings) {
    }
}
