package dev.montazz.auth.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.montazz.auth.AuthProperties;
import org.springframework.stereotype.Component;

/**
 * Counts wrong passwords per account and per client address; past the limit, sign-in is refused (even with the right
 * password) until the lock expires. Kept in memory: one auth-service instance, and a restart lifts the locks.
 */
@Component
class LoginThrottle {

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final AuthProperties.Lockout lockout;
    private final Clock clock;

    LoginThrottle(AuthProperties properties, Clock clock) {
        this.lockout = properties.lockout();
        this.clock = clock;
    }

    /** How long sign-in stays refused for this account or address, if it is locked now. */
    Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        return java.util.stream.Stream.of(accountKey(username), addressKey(address))
                .map(failures::get).filter(f -> f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(now))
                .map(f -> Duration.between(now, f.lockedUntil())).max(Duration::compareTo);
    }

    void failed(String username, String address) {
        count(accountKey(username), lockout.maxFailuresPerAccount());
        count(addressKey(address), lockout.maxFailuresPerAddress());
    }

    void succeeded(String username) {
        failures.remove(accountKey(username));
    }

    private void count(String key, int max) {
        Instant now = clock.instant();
        failures.compute(key, (k, f) -> {
            int count = (f == null || (f.lockedUntil() != null && !f.lockedUntil().isAfter(now))) ? 1 : f.count() + 1;
            return new Failures(count, count >= max ? now.plus(lockout.duration()) : null);
        });
    }

    private static String accountKey(String username) {
        return "account:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
