package dev.montazz.portal;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param studioUrl where browsers reach ingest-service's studio pages
 * @param renderRequestsTopic where the portal asks merge-service to render a montage again
 * @param renderProgressTopic where merge-service tells how renders are getting on
 * @param accountDeletionsTopic deleted accounts, announced by auth-service: their montages go, and they leave others'
 * @param deletionsTopic where the portal announces deleted montages, so every service removes what it keeps of them
 */
@Validated
@ConfigurationProperties("montazz.portal")
public record PortalProperties(@NotBlank String studioUrl, @NotBlank String renderRequestsTopic,
        @NotBlank String renderProgressTopic, @NotBlank String deletionsTopic,
        @NotBlank String accountDeletionsTopic) {
}
