package dev.montazz.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param admin the first administrator, created at start-up when missing
 * @param lockout how sign-in is slowed down against password guessing
 * @param portalUrl where "back to Montazz" links go
 * @param backChannelLogout each client's back-channel logout address, by client id: told when someone signs out
 */
@Validated
@ConfigurationProperties("montazz.auth")
public record AuthProperties(@Valid @NotNull Admin admin, @Valid @NotNull Lockout lockout, @NotBlank String portalUrl,
        Map<String, URI> backChannelLogout) {

    public AuthProperties {
        backChannelLogout = backChannelLogout == null ? Map.of() : Map.copyOf(backChannelLogout);
    }

    /** @param password empty to have one generated and written to the log once */
    public record Admin(@NotBlank String username, @NotBlank String email, String password) {
    }

    /**
     * @param freeFailures wrong passwords for one account from one address, within the window, before delays start
     * @param firstDelay the first delay; it doubles with each further wrong password, up to {@code maxDelay}
     * @param maxDelay the longest delay
     * @param maxFailuresPerAddress wrong passwords from one address (any accounts) within the window; past it, that
     *        address waits until its oldest failure leaves the window
     * @param window how long a wrong password counts
     * @param maxTracked how many accounts-and-addresses are remembered at most (memory stays bounded)
     */
    public record Lockout(@PositiveOrZero int freeFailures, @NotNull Duration firstDelay, @NotNull Duration maxDelay,
            @Positive int maxFailuresPerAddress, @NotNull Duration window, @Positive int maxTracked) {
    }
}
