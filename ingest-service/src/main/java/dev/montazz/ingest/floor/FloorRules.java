package dev.montazz.ingest.floor;

import java.time.Duration;

/**
 * @param lease how long a holder may stay silent before the turn passes on (each chunk renews it)
 * @param countdown the time between being given the floor and having to send a first chunk, on top of the lease
 * @param maxShot the longest shot of this montage
 */
record FloorRules(Duration lease, Duration countdown, Duration maxShot) {
}
