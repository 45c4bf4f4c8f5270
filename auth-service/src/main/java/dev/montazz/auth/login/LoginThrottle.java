package dev.montazz.auth.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.montazz.auth.AuthProperties;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting a guesser lock anyone out. Wrong passwords are counted per account and
 * client address together, within a sliding window: after a few free ones, each further attempt from that address for
 * that account waits a delay that doubles with every failure. Guesses from one address at any accounts are also held
 * to a ceiling per window. The owner, signing in from their own address, never waits for someone else's guesses; a
 * success clears their own count.
 * <p>
 * Kept in memory, bounded ({@code max-tracked} entries, the oldest dropped first, and entries whose failures all left
 * the window pruned): one auth-service instance, and a restart forgets the counts.
 */
@Component
class LoginThrottle {

    private final AuthProperties.Lockout settings;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures;

    LoginThrottle(AuthProperties properties, Clock clock) {
        this.settings = properties.lockout();
        this.clock = clock;
        int maxTracked = settings.maxTracked();
        this.failures = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /** How long this attempt must wait before a password is even looked at; empty when it may go ahead. */
    synchronized Optional<Duration> waitFor(String username, String address) {
        Instant now = clock.instant();
        Optional<Duration> pair = recent(pairKey(username, address), now).flatMap(recent -> {
            int beyondFree = recent.size() - settings.freeFailures();
            if (beyondFree < 0) {
                return Optional.empty();
            }
            Duration delay = settings.firstDelay().multipliedBy(1L << Math.min(beyondFree, 30));
            Instant allowedAt = recent.peekLast().plus(delay.compareTo(settings.maxDelay()) > 0
                    ? settings.maxDelay() : delay);
            return allowedAt.isAfter(now) ? Optional.of(Duration.between(now, allowedAt)) : Optional.empty();
        });
        Optional<Duration> ceiling = recent(addressKey(address), now)
                .filter(recent -> recent.size() >= settings.maxFailuresPerAddress())
                .map(recent -> Duration.between(now, recent.peekFirst().plus(settings.window())));
        return pair.isPresent() && ceiling.isPresent()
                ? Optional.of(pair.get().compareTo(ceiling.get()) > 0 ? pair.get() : ceiling.get())
                : pair.or(() -> ceiling);
    }

    synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        record(pairKey(username, address), now, settings.freeFailures() + 32);
        record(addressKey(address), now, settings.maxFailuresPerAddress());
    }

    synchronized void succeeded(String username, String address) {
        failures.remove(pairKey(username, address));
    }

    /** Entries kept now (for tests and metrics): bounded by {@code max-tracked}. */
    synchronized int tracked() {
        return failures.size();
    }

    /** Failures still inside the window, oldest first; an entry with none left is dropped. */
    private Optional<Deque<Instant>> recent(String key, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        Instant windowStart = now.minus(settings.window());
        while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
            times.pollFirst();
        }
        if (times.isEmpty()) {
            failures.remove(key);
            return Optional.empty();
        }
        return Optional.of(times);
    }

    private void record(String key, Instant now, int keep) {
        Deque<Instant> times = recent(key, now).orElseGet(() -> {
            Deque<Instant> fresh = new ArrayDeque<>();
            failures.put(key, fresh);
            return fresh;
        });
        times.addLast(now);
        while (times.size() > keep) {
            times.pollFirst();
        }
    }

    /** User names are at most 32 characters: a longer one matches no account and is not kept whole. */
    private static String pairKey(String username, String address) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return "account:" + (name.length() > 64 ? name.substring(0, 64) : name) + "@" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
