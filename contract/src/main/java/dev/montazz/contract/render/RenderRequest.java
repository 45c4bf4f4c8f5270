package dev.montazz.contract.render;

import java.time.Instant;

/**
 * A request to (re-)render a montage from its finished takes, on {@code montazz.render-requests}: from merge when a
 * take ended, from the portal when the owner asks again or changed how the film looks.
 *
 * @param reason why, for the log
 */
public record RenderRequest(String montageId, String reason, Instant requestedAt) {
}
