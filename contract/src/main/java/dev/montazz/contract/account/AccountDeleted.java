package dev.montazz.contract.account;

import java.time.Instant;

/**
 * On {@code montazz.account-deletions}, keyed by user name: an account is being deleted. Sent (and acknowledged by the
 * broker) before auth deletes the account; consumers remove what they keep of the person and are idempotent, and every
 * service refuses the person's tokens from then on.
 *
 * @param deletedBy the person, or the administrator who deleted the account
 */
public record AccountDeleted(String username, String displayName, String deletedBy, Instant deletedAt) {
}
