package dev.montazz.portal.montage;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A montage, owned by portal-service (other services only read it). Ids are random URL-safe strings made here rather
 * than ObjectIds, so every service can look one up by its plain string value.
 */
@Document("montages")
public record Montage(@Id String id, String title, Instant createdAt) {
}
