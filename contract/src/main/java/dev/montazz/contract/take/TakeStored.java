package dev.montazz.contract.take;

import java.time.Instant;

/**
 * News from merge's chunk store on {@code montazz.takes-stored}: a recorded take's chunks are stored up to and
 * including {@code sequence} (none missing before it). Render workers start normalising a take while it is still being
 * recorded from this news, reading the stored chunks themselves; a lost or late event only makes that take's copy be
 * made when it ends, as it always could.
 *
 * @param takeId the take's key in {@code chunks} and {@code takes} ({@code montage/contributor-id/take})
 * @param last whether the take ends at {@code sequence}: its last chunk, or the last stored before it was cut off
 */
public record TakeStored(String montageId, String takeId, int sequence, boolean last, Instant at) {
}
