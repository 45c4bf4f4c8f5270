package dev.montazz.ingest.floor;

import java.time.Instant;
import java.util.List;

/**
 * The floor as one person sees it. {@code fence} and {@code nextSequence} are given to the holder only: their page
 * needs them to send chunks.
 *
 * @param place 0 on air, 1 first in line, {@code null} when not in the queue
 */
public record FloorView(long version, String onAir, boolean youAreOnAir, Long fence, String takeId,
        Integer nextSequence, Instant leaseUntil, Instant shotStartedAt, List<String> queue, Integer place,
        long estimatedWaitSeconds, long maxShotSeconds, long countdownSeconds) {

    static FloorView of(Floor floor, String username, Instant now, FloorRules rules) {
        Floor.Holder holder = floor.holder();
        boolean mine = floor.holds(username);
        return new FloorView(floor.version() == null ? 0 : floor.version(),
                holder == null ? null : holder.displayName(), mine, mine ? holder.fence() : null,
                mine ? holder.takeId() : null, mine ? holder.nextSequence() : null,
                holder == null ? null : holder.leaseUntil(), holder == null ? null : holder.shotStartedAt(),
                floor.queue().stream().map(Floor.Waiting::displayName).toList(),
                floor.placeOf(username).orElse(null), floor.estimatedWait(username, now, rules).toSeconds(),
                rules.maxShot().toSeconds(), rules.countdown().toSeconds());
    }
}
