package dev.montazz.security.sessions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionInformation;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * Which of this service's sessions came from which sign-in at auth-service, in MongoDB beside the sessions: a
 * back-channel logout reaching any instance ends the person's sessions made on every instance. Matched as Spring
 * Security's in-memory registry does: the same issuer and audience, then the provider's session id when the logout
 * token names one, the person otherwise.
 */
public class MongoOidcSessionRegistry implements OidcSessionRegistry {

    private static final Logger log = LoggerFactory.getLogger(MongoOidcSessionRegistry.class);
    private static final String ISSUER = "issuer";
    private static final String SUBJECT = "subject";
    private static final String PROVIDER_SESSION = "providerSession";
    private static final String AUDIENCE = "audience";
    private static final String INFORMATION = "information";
    private static final String SAVED_AT = "savedAt";
    /** A sign-in is registered mid-request, its session stored at the request's end: never forgotten before this. */
    private static final java.time.Duration GRACE = java.time.Duration.ofMinutes(5);

    private final MongoTemplate mongo;
    private final String collection;

    public MongoOidcSessionRegistry(MongoTemplate mongo, SessionSettings settings) {
        this.mongo = mongo;
        this.collection = settings.oidcCollection();
    }

    @Override
    public void saveSessionInformation(OidcSessionInformation info) {
        OidcIdToken token = info.getPrincipal().getIdToken();
        Document entry = new Document("_id", info.getSessionId())
                .append(ISSUER, String.valueOf(token.getIssuer())).append(SUBJECT, token.getSubject())
                .append(PROVIDER_SESSION, token.getClaimAsString("sid")).append(AUDIENCE, token.getAudience())
                .append(INFORMATION, new Binary(SessionValues.write(info))).append(SAVED_AT, new java.util.Date());
        mongo.getCollection(collection).replaceOne(new Document("_id", info.getSessionId()), entry,
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    @Override
    public OidcSessionInformation removeSessionInformation(String clientSessionId) {
        Document removed = mongo.findAndRemove(Query.query(Criteria.where("_id").is(clientSessionId)), Document.class,
                collection);
        return removed == null ? null : information(removed);
    }

    @Override
    public Iterable<OidcSessionInformation> removeSessionInformation(OidcLogoutToken token) {
        Criteria matching = Criteria.where(ISSUER).is(String.valueOf(token.getIssuer()));
        matching = token.getSessionId() != null ? matching.and(PROVIDER_SESSION).is(token.getSessionId())
                : matching.and(SUBJECT).is(token.getSubject());
        List<OidcSessionInformation> ended = new ArrayList<>();
        for (Document entry : mongo.find(Query.query(matching), Document.class, collection)) {
            List<String> audience = entry.getList(AUDIENCE, String.class);
            if (audience == null || token.getAudience() == null
                    || audience.stream().noneMatch(token.getAudience()::contains)) {
                continue;
            }
            OidcSessionInformation info = removeSessionInformation(entry.getString("_id"));
            if (info != null) {
                ended.add(info);
            }
        }
        return ended;
    }

    /** Forgets the sign-ins whose sessions ended without a logout (timed out, swept). */
    void forgetEnded(MongoSessionRepository sessions, java.time.Instant now) {
        Query all = Query.query(Criteria.where(SAVED_AT).lt(java.util.Date.from(now.minus(GRACE))));
        all.fields().include("_id");
        Set<String> ids = new HashSet<>();
        mongo.find(all, Document.class, collection).forEach(entry -> ids.add(entry.getString("_id")));
        if (ids.isEmpty()) {
            return;
        }
        ids.removeAll(sessions.existing(ids));
        if (!ids.isEmpty()) {
            mongo.remove(Query.query(Criteria.where("_id").in(ids)), collection);
            log.debug("{} sign-ins of ended sessions forgotten", ids.size());
        }
    }

    private OidcSessionInformation information(Document entry) {
        try {
            return (OidcSessionInformation) SessionValues.read(entry.get(INFORMATION, Binary.class).getData());
        } catch (IllegalArgumentException | ClassCastException unreadable) {
            log.warn("A sign-in of session {}… cannot be read: {}", entry.getString("_id").substring(0, 6),
                    unreadable.getMessage());
            return null;
        }
    }
}
