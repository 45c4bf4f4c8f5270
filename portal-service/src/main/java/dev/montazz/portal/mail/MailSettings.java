package dev.montazz.portal.mail;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * E-mail the portal sends (invitations, films ready). Sent only when an SMTP server is configured
 * ({@code spring.mail.host}); without one, nothing is queued and invitations say to share the link instead.
 *
 * @param from the sender people see
 * @param firstRetry how long a message that could not be sent waits before the next attempt; each attempt waits twice
 *        as long as the one before
 * @param maxAttempts attempts before a message is given up (and logged)
 * @param sweepInterval how often due messages are sent
 * @param maxPendingPerSender messages one person's actions may have waiting at once (invitations past it: 429)
 * @param rememberSent how long a sent message is remembered, so the same one (an invitation clicked twice, the same
 *        news redelivered) is not sent again; longer than a day, since an invitation is one per address and day
 */
@Validated
@ConfigurationProperties("montazz.mail")
public record MailSettings(@NotBlank String from, @NotNull Duration firstRetry, @Positive int maxAttempts,
        @NotNull Duration sweepInterval, @Positive int maxPendingPerSender, @NotNull Duration rememberSent) {
}
