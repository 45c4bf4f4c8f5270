package dev.montazz.auth;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param admin the first administrator, created at start-up when missing
 * @param lockout how sign-in is slowed down against password guessing
 * @param portalUrl where "back to Montazz" links go
 */
@Validated
@ConfigurationProperties("montazz.auth")
public record AuthProperties(@Valid @NotNull Admin admin, @Valid @NotNull Lockout lockout, @NotBlank String portalUrl) {

    /** @param password empty to have one generated and written to the log once */
    public record Admin(@NotBlank String username, @NotBlank String email, String password) {
    }

    /**
     * @param maxFailuresPerAccount wrong passwords in a row before an account is locked
     * @param maxFailuresPerAddress wrong passwords from one client address (any account) before it is locked
     * @param duration how long a lock lasts
     */
    public record Lockout(@Positive int maxFailuresPerAccount, @Positive int maxFailuresPerAddress,
            @NotNull Duration duration) {
    }
}
