package dev.montazz.contract.montage;

import java.time.Instant;

/**
 * On {@code montazz.montage-deletions}: a montage is being deleted. Sent (and acknowledged by the broker) before the
 * portal deletes the montage document; consumers remove what they keep of it and are idempotent.
 *
 * @param deletedBy the account name of who deleted it
 */
public record MontageDeleted(String montageId, String deletedBy, Instant deletedAt) {
}
