package dev.montazz.merge.recording;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Normalising takes while they are recorded, on render workers.
 *
 * @param maxTakes how many takes this instance normalises at once as they are recorded; more at once are normalised
 *     when they end, as before. 0 turns it off
 * @param idle how long a take may go without a new chunk before its copy is given up (and made when it ends)
 */
@Validated
@ConfigurationProperties("montazz.merge.recording")
public record RecordingProperties(@PositiveOrZero @Max(1000) int maxTakes, @NotNull Duration idle) {
}
