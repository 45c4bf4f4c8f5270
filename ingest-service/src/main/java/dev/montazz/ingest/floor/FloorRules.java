package dev.montazz.ingest.floor;

import java.time.Duration;
import java.time.Instant;

/**
 * @param lease how long a holder may stay silent before the turn passes on (each chunk renews it)
 * @param countdown the time between being given the floor and having to send a first chunk, on top of the lease
 * @param maxShot the longest shot of this montage
 * @param observedSince since when this instance has been able to hear holders: silence is counted from then at the
 *        earliest, so an ingest-service that was down (or just started) never takes a turn for its own outage
 */
record FloorRules(Duration lease, Duration countdown, Duration maxShot, Instant observedSince) {

    FloorRules(Duration lease, Duration countdown, Duration maxShot) {
        this(lease, countdown, maxShot, Instant.EPOCH);
    }
}
