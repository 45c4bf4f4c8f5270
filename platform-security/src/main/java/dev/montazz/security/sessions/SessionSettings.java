package dev.montazz.security.sessions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in sessions kept in MongoDB, so any instance of a service can serve any request and a lost instance loses no
 * one's sign-in. On when a service names its collection; how long a session lives is Boot's
 * {@code server.servlet.session.timeout}.
 *
 * @param collection where this service keeps its sessions (one writer: the service itself); the sign-in registry for
 *        back-channel logout lives beside it, in {@code <collection>-oidc}
 * @param anonymousTimeout how long a session nobody signed in to is kept (a visitor sent to sign in, a bot): shorter
 *        than a signed-in one, so what anyone can make the store hold stays small
 * @param touchInterval a request that changes nothing in its session writes its last-access time only when the stored
 *        one is this old: a session may end this much earlier than its timeout, and a busy page writes rarely
 * @param sweepInterval how often ended sessions are removed (a sweep, not a TTL index)
 */
@ConfigurationProperties("montazz.sessions")
public record SessionSettings(String collection, Duration anonymousTimeout, Duration touchInterval,
        Duration sweepInterval) {

    public SessionSettings {
        anonymousTimeout = anonymousTimeout == null ? Duration.ofMinutes(15) : anonymousTimeout;
        touchInterval = touchInterval == null ? Duration.ofMinutes(1) : touchInterval;
        sweepInterval = sweepInterval == null ? Duration.ofMinutes(1) : sweepInterval;
    }

    /** The sign-in registry's collection (which session is whose sign-in at auth-service). */
    public String oidcCollection() {
        return collection + "-oidc";
    }
}
