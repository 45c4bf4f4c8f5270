package dev.montazz.ingest.floor;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param lease silence after which the turn passes on (chunks arrive every second, so a few seconds is plenty)
 * @param countdown time between getting the floor and having to start recording
 * @param defaultMaxShot the longest shot for montages that set none
 * @param sweepInterval how often each instance passes on the turns of silent holders, renews the turns of holders
 *        whose chunk waits for storage, and retries end markers of cut-off takes
 */
@Validated
@ConfigurationProperties("montazz.floor")
public record FloorProperties(@NotNull Duration lease, @NotNull Duration countdown, @NotNull Duration defaultMaxShot,
        @NotNull Duration sweepInterval) {
}
