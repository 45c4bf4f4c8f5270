package dev.montazz.security.streams;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on server-sent event streams ({@code montazz.streams.*}).
 *
 * @param maxPerPerson streams one person may hold open in one service (a tab each; 429 past it)
 * @param lifetime how long a stream lasts before the server ends it; browsers' EventSource reconnects by itself
 * @param heartbeat how often an idle stream gets a comment line: a client that vanished is found by the write after
 *        next (the first may still land in the kernel's buffer), so within about two heartbeats
 */
@Validated
@ConfigurationProperties("montazz.streams")
public record StreamSettings(@DefaultValue("8") @Positive int maxPerPerson,
        @DefaultValue("10m") @NotNull Duration lifetime, @DefaultValue("15s") @NotNull Duration heartbeat) {
}
