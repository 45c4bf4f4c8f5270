package dev.montazz.portal;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param studioUrl where browsers reach ingest-service's studio pages
 */
@Validated
@ConfigurationProperties("montazz.portal")
public record PortalProperties(@NotBlank String studioUrl) {
}
