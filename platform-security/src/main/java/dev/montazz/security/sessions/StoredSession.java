package dev.montazz.security.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.springframework.session.MapSession;
import org.springframework.session.Session;

/**
 * A session as a request sees it, remembering what the store held when it was read: saving then writes only what
 * the request changed, so two requests of one person at once (a page and its live stream) do not undo each other.
 */
public final class StoredSession implements Session {

    private final MapSession session;
    /** Each attribute as stored, by name; what a save compares against. */
    private Map<String, byte[]> stored;
    /** The id the store knows it by; null until first saved. */
    private String storedId;
    private Instant storedLastAccess;
    private Duration storedMaxInactive;
    private String storedPrincipal;

    StoredSession(MapSession session, Map<String, byte[]> stored, boolean inStore, String principal) {
        this.session = session;
        this.stored = stored;
        this.storedId = inStore ? session.getId() : null;
        this.storedLastAccess = session.getLastAccessedTime();
        this.storedMaxInactive = session.getMaxInactiveInterval();
        this.storedPrincipal = principal;
    }

    MapSession values() {
        return session;
    }

    Map<String, byte[]> stored() {
        return stored;
    }

    String storedId() {
        return storedId;
    }

    Instant storedLastAccess() {
        return storedLastAccess;
    }

    Duration storedMaxInactive() {
        return storedMaxInactive;
    }

    String storedPrincipal() {
        return storedPrincipal;
    }

    void saved(Map<String, byte[]> attributes, String principal) {
        this.stored = attributes;
        this.storedId = session.getId();
        this.storedLastAccess = session.getLastAccessedTime();
        this.storedMaxInactive = session.getMaxInactiveInterval();
        this.storedPrincipal = principal;
    }

    @Override
    public String getId() {
        return session.getId();
    }

    @Override
    public String changeSessionId() {
        return session.changeSessionId();
    }

    @Override
    public <T> T getAttribute(String name) {
        return session.getAttribute(name);
    }

    @Override
    public Set<String> getAttributeNames() {
        return session.getAttributeNames();
    }

    @Override
    public void setAttribute(String name, Object value) {
        session.setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        session.removeAttribute(name);
    }

    @Override
    public Instant getCreationTime() {
        return session.getCreationTime();
    }

    @Override
    public void setLastAccessedTime(Instant lastAccessedTime) {
        session.setLastAccessedTime(lastAccessedTime);
    }

    @Override
    public Instant getLastAccessedTime() {
        return session.getLastAccessedTime();
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
        session.setMaxInactiveInterval(interval);
    }

    @Override
    public Duration getMaxInactiveInterval() {
        return session.getMaxInactiveInterval();
    }

    @Override
    public boolean isExpired() {
        return session.isExpired();
    }
}
