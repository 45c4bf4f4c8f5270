package dev.montazz.ingest.studio;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param portalUrl where browsers reach the portal, for links back to a montage */
@Validated
@ConfigurationProperties("montazz.studio")
public record StudioProperties(@NotBlank String portalUrl) {
}
