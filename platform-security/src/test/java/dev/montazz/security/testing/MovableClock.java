package dev.montazz.security.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves forward: lockouts, delays, expiries and evictions pass without waiting for them. */
public final class MovableClock extends Clock {

    private final boolean neverBehindRealTime;
    private volatile Instant now;

    private MovableClock(Instant start, boolean neverBehindRealTime) {
        this.now = start;
        this.neverBehindRealTime = neverBehindRealTime;
    }

    /** Stands still at {@code start} until moved. */
    public static MovableClock at(Instant start) {
        return new MovableClock(start, false);
    }

    /**
     * Runs with real time and may be moved ahead of it, never behind: for a running service, whose tokens and
     * sessions are also checked against the real time elsewhere.
     */
    public static MovableClock withRealTime() {
        return new MovableClock(Instant.now(), true);
    }

    public void advance(Duration duration) {
        now = instant().plus(duration);
    }

    @Override
    public Instant instant() {
        if (neverBehindRealTime && now.isBefore(Instant.now())) {
            now = Instant.now();
        }
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
