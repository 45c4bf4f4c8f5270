package dev.montazz.contract.live;

import java.time.Instant;

/**
 * On {@code montazz.live-audience}, keyed by montage id: how many watch a montage live on one instance serving live
 * (an ingest instance's studios, a portal instance's watch pages). Sent at every change and again every few seconds
 * while anyone watches there, so every instance can show everyone watching; an instance's figure that is not renewed
 * (the instance went) stops counting after half a minute.
 *
 * @param instance the sending instance, a random id it chose at start
 */
public record LiveAudience(String montageId, String instance, int viewers, Instant at) {
}
