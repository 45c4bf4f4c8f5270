package dev.montazz.security.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.PrincipalNameIndexResolver;

/**
 * Sessions in one MongoDB collection of the service's own: one document per session, found by {@code _id} (the one
 * lookup every MongoDB, embedded or not, answers from an index), each attribute a field of its own so a save sets
 * only what changed. A session's end is stored with it ({@code expiresAt}) and checked on every read; ended ones are
 * swept, since TTL indexes are not relied on.
 */
public class MongoSessionRepository implements FindByIndexNameSessionRepository<StoredSession> {

    private static final Logger log = LoggerFactory.getLogger(MongoSessionRepository.class);
    static final String CREATED_AT = "createdAt";
    static final String LAST_ACCESSED_AT = "lastAccessedAt";
    static final String MAX_INACTIVE_SECONDS = "maxInactiveSeconds";
    static final String EXPIRES_AT = "expiresAt";
    static final String PRINCIPAL = "principal";
    static final String ATTRIBUTES = "attributes";

    private final MongoTemplate mongo;
    private final String collection;
    private final Duration timeout;
    private final SessionSettings settings;
    private final Clock clock;
    private final PrincipalNameIndexResolver<StoredSession> principals = new PrincipalNameIndexResolver<>();

    public MongoSessionRepository(MongoTemplate mongo, SessionSettings settings, Duration timeout, Clock clock) {
        this.mongo = mongo;
        this.collection = Objects.requireNonNull(settings.collection(), "montazz.sessions.collection");
        this.timeout = timeout;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public StoredSession createSession() {
        MapSession session = new MapSession();
        session.setCreationTime(clock.instant());
        session.setLastAccessedTime(session.getCreationTime());
        session.setMaxInactiveInterval(timeout);
        return new StoredSession(session, Map.of(), false, null);
    }

    @Override
    public void save(StoredSession session) {
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        for (String name : session.getAttributeNames()) {
            attributes.put(name, SessionValues.write(session.getAttribute(name)));
        }
        String principal = principals.resolveIndexValueFor(session);
        if (session.storedId() == null || !session.storedId().equals(session.getId())) {
            // New, or given a new id at sign-in (against session fixation): written whole, the old id removed.
            mongo.getCollection(collection).replaceOne(new Document("_id", session.getId()),
                    document(session, attributes, principal), new com.mongodb.client.model.ReplaceOptions().upsert(true));
            if (session.storedId() != null) {
                mongo.remove(byId(session.storedId()), collection);
            }
        } else if (!update(session, attributes, principal)) {
            return;
        }
        session.saved(attributes, principal);
    }

    /** Writes what changed since the session was read; false when nothing needed writing. */
    private boolean update(StoredSession session, Map<String, byte[]> attributes, String principal) {
        Update update = new Update();
        boolean changed = false;
        for (Map.Entry<String, byte[]> attribute : attributes.entrySet()) {
            if (!Arrays.equals(attribute.getValue(), session.stored().get(attribute.getKey()))) {
                update.set(ATTRIBUTES + "." + SessionValues.fieldName(attribute.getKey()),
                        new Binary(attribute.getValue()));
                changed = true;
            }
        }
        for (String gone : session.stored().keySet()) {
            if (!attributes.containsKey(gone)) {
                update.unset(ATTRIBUTES + "." + SessionValues.fieldName(gone));
                changed = true;
            }
        }
        boolean stale = Duration.between(session.storedLastAccess(), session.getLastAccessedTime())
                .compareTo(settings.touchInterval()) >= 0;
        if (!changed && !stale && Objects.equals(principal, session.storedPrincipal())
                && session.getMaxInactiveInterval().equals(session.storedMaxInactive())) {
            return false;
        }
        update.set(LAST_ACCESSED_AT, Date.from(session.getLastAccessedTime()))
                .set(MAX_INACTIVE_SECONDS, session.getMaxInactiveInterval().toSeconds())
                .set(EXPIRES_AT, Date.from(expiresAt(session, principal))).set(PRINCIPAL, principal);
        // Never an upsert: a session ended meanwhile (signed out in another tab) stays ended.
        mongo.updateFirst(byId(session.getId()), update, collection);
        return true;
    }

    private Document document(StoredSession session, Map<String, byte[]> attributes, String principal) {
        Document values = new Document();
        attributes.forEach((name, bytes) -> values.append(SessionValues.fieldName(name), new Binary(bytes)));
        return new Document("_id", session.getId()).append(CREATED_AT, Date.from(session.getCreationTime()))
                .append(LAST_ACCESSED_AT, Date.from(session.getLastAccessedTime()))
                .append(MAX_INACTIVE_SECONDS, session.getMaxInactiveInterval().toSeconds())
                .append(EXPIRES_AT, Date.from(expiresAt(session, principal))).append(PRINCIPAL, principal)
                .append(ATTRIBUTES, values);
    }

    /** Nobody signed in: the shorter anonymous timeout. */
    private Instant expiresAt(StoredSession session, String principal) {
        Duration inactive = session.getMaxInactiveInterval();
        if (principal == null && settings.anonymousTimeout().compareTo(inactive) < 0) {
            inactive = settings.anonymousTimeout();
        }
        return session.getLastAccessedTime().plus(inactive);
    }

    @Override
    public StoredSession findById(String id) {
        Document stored = mongo.findById(id, Document.class, collection);
        if (stored == null) {
            return null;
        }
        if (!stored.getDate(EXPIRES_AT).toInstant().isAfter(clock.instant())) {
            deleteById(id);
            return null;
        }
        return read(stored);
    }

    private StoredSession read(Document stored) {
        MapSession session = new MapSession(stored.getString("_id"));
        session.setCreationTime(stored.getDate(CREATED_AT).toInstant());
        session.setLastAccessedTime(stored.getDate(LAST_ACCESSED_AT).toInstant());
        session.setMaxInactiveInterval(Duration.ofSeconds(((Number) stored.get(MAX_INACTIVE_SECONDS)).longValue()));
        Map<String, byte[]> attributes = new HashMap<>();
        Document values = stored.get(ATTRIBUTES, Document.class);
        try {
            for (Map.Entry<String, Object> value : values == null ? Map.<String, Object>of().entrySet()
                    : values.entrySet()) {
                byte[] bytes = ((Binary) value.getValue()).getData();
                String name = SessionValues.attributeName(value.getKey());
                session.setAttribute(name, SessionValues.read(bytes));
                attributes.put(name, bytes);
            }
        } catch (IllegalArgumentException | ClassCastException unreadable) {
            // Written by another version, or changed in the store: that person signs in again.
            log.warn("Session {}… cannot be read and is ended: {}", session.getId().substring(0, 6),
                    unreadable.getMessage());
            deleteById(session.getId());
            return null;
        }
        return new StoredSession(session, attributes, true, stored.getString(PRINCIPAL));
    }

    @Override
    public void deleteById(String id) {
        mongo.remove(byId(id), collection);
    }

    /** This person's sessions that have not ended (for ending them all, as an account deletion does). */
    @Override
    public Map<String, StoredSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName)) {
            return Map.of();
        }
        Map<String, StoredSession> found = new LinkedHashMap<>();
        for (Document stored : mongo.find(Query.query(Criteria.where(PRINCIPAL).is(indexValue)
                .and(EXPIRES_AT).gt(Date.from(clock.instant()))), Document.class, collection)) {
            StoredSession session = read(stored);
            if (session != null) {
                found.put(session.getId(), session);
            }
        }
        return found;
    }

    /** Removes the sessions that have ended; how many. */
    public long sweep() {
        long removed = mongo.remove(Query.query(Criteria.where(EXPIRES_AT).lte(Date.from(clock.instant()))),
                collection).getDeletedCount();
        if (removed > 0) {
            log.debug("{} ended sessions removed from {}", removed, collection);
        }
        return removed;
    }

    /** Whether these sessions are still in the store, by id: the ones that are. */
    java.util.Set<String> existing(java.util.Collection<String> ids) {
        Query query = Query.query(Criteria.where("_id").in(ids));
        query.fields().include("_id");
        java.util.Set<String> found = new java.util.HashSet<>();
        mongo.find(query, Document.class, collection).forEach(document -> found.add(document.getString("_id")));
        return found;
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
