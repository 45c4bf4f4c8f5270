package dev.montazz.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import dev.montazz.auth.AuthProperties;
import dev.montazz.security.testing.MovableClock;
import org.junit.jupiter.api.Test;

/** The throttle's rules on a clock the test moves: guessers wait, owners elsewhere never do, memory stays bounded. */
class LoginThrottleTest {

    private static final String GUESSER = "203.0.113.9";
    private static final String OWNER = "198.51.100.7";

    private final MovableClock clock = MovableClock.at(Instant.parse("2026-12-02T10:00:00Z"));

    private LoginThrottle throttle(int maxTracked) {
        return new LoginThrottle(new AuthProperties(new AuthProperties.Admin("admin", "a@b.c", null),
                new AuthProperties.Lockout(5, Duration.ofSeconds(2), Duration.ofMinutes(15), 50,
                        Duration.ofMinutes(15), maxTracked), "http://localhost", null), clock);
    }

    @Test
    void fiftyWrongGuessesFromOneAddressNeverStopTheOwnerSigningInFromTheirs() {
        LoginThrottle throttle = throttle(1000);
        for (int i = 0; i < 50; i++) {
            throttle.waitFor("ann", GUESSER).ifPresent(wait -> clock.advance(wait));
            throttle.failed("ann", GUESSER);
            clock.advance(Duration.ofMillis(100));
        }

        assertThat(throttle.waitFor("ann", OWNER)).as("the owner, from their own address").isEmpty();
        assertThat(throttle.waitFor("ann", GUESSER)).as("the guesser waits").isPresent();
    }

    @Test
    void delaysStartAfterTheFreeFailuresAndDoubleUpToTheLongest() {
        LoginThrottle throttle = throttle(1000);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.waitFor("ann", OWNER)).isEmpty();
            throttle.failed("ann", OWNER);
        }
        assertThat(throttle.waitFor("ann", OWNER)).contains(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        throttle.failed("ann", OWNER);
        assertThat(throttle.waitFor("ann", OWNER)).contains(Duration.ofSeconds(4));
        for (int i = 0; i < 20; i++) {
            throttle.failed("ann", OWNER);
        }
        assertThat(throttle.waitFor("ann", OWNER)).contains(Duration.ofMinutes(15));
    }

    @Test
    void aSuccessClearsTheOwnersCountAndOldFailuresLeaveTheWindow() {
        LoginThrottle throttle = throttle(1000);
        for (int i = 0; i < 6; i++) {
            throttle.failed("ann", OWNER);
        }
        assertThat(throttle.waitFor("ann", OWNER)).isPresent();
        throttle.succeeded("ann", OWNER);
        assertThat(throttle.waitFor("ann", OWNER)).isEmpty();

        for (int i = 0; i < 6; i++) {
            throttle.failed("bob", OWNER);
        }
        clock.advance(Duration.ofMinutes(16));
        assertThat(throttle.waitFor("bob", OWNER)).as("a sliding window, not a count for ever").isEmpty();
    }

    @Test
    void oneAddressGuessingAtManyAccountsHitsItsCeiling() {
        LoginThrottle throttle = throttle(1000);
        for (int i = 0; i < 50; i++) {
            throttle.failed("user" + i, GUESSER);
        }
        assertThat(throttle.waitFor("someone-new", GUESSER)).hasValueSatisfying(
                wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15)));
        assertThat(throttle.waitFor("someone-new", OWNER)).isEmpty();
    }

    @Test
    void memoryStaysBoundedHoweverManyNamesAndAddressesAreTried() {
        LoginThrottle throttle = throttle(500);
        for (int i = 0; i < 10_000; i++) {
            throttle.failed("x".repeat(10_000) + i, "10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(500);
    }
}
