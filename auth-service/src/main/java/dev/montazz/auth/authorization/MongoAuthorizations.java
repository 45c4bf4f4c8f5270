package dev.montazz.auth.authorization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.mongodb.client.model.ReplaceOptions;
import dev.montazz.contract.MongoCollections;
import dev.montazz.security.sessions.SessionValues;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;

/**
 * The authorisations auth-service has granted (codes, access, refresh and ID tokens), in MongoDB rather than one
 * instance's memory: a code handed out by one instance is redeemed at another, a refresh works wherever it lands, and
 * a restart signs nobody out. Each token is found by its SHA-256 (never by its value), the authorisation itself kept
 * as Spring's object; an authorisation goes once its last token has expired, by a sweep.
 */
@Component
class MongoAuthorizations implements OAuth2AuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(MongoAuthorizations.class);
    /** How long an authorisation without tokens yet (a request waiting for the person) is kept. */
    private static final Duration PENDING = Duration.ofHours(1);
    private static final String EXPIRES_AT = "expiresAt";
    private static final String VALUE = "authorization";
    /** Lookup field of each kind of token, by the token type Spring asks with. */
    private static final Map<String, String> FIELDS = Map.of(OAuth2ParameterNames.STATE, "state",
            OAuth2ParameterNames.CODE, "code", OAuth2TokenType.ACCESS_TOKEN.getValue(), "accessToken",
            OAuth2TokenType.REFRESH_TOKEN.getValue(), "refreshToken", OidcParameterNames.ID_TOKEN, "idToken");

    private final MongoTemplate mongo;
    private final Clock clock;

    MongoAuthorizations(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Document stored = new Document("_id", authorization.getId())
                .append("client", authorization.getRegisteredClientId())
                .append("principal", authorization.getPrincipalName())
                .append("state", hash(authorization.getAttribute(OAuth2ParameterNames.STATE)))
                .append("code", hash(value(authorization.getToken(OAuth2AuthorizationCode.class))))
                .append("accessToken", hash(value(authorization.getAccessToken())))
                .append("refreshToken", hash(value(authorization.getRefreshToken())))
                .append("idToken", hash(value(authorization.getToken(OidcIdToken.class))))
                .append(EXPIRES_AT, Date.from(expiresAt(authorization)))
                .append(VALUE, new Binary(SessionValues.write(authorization)));
        mongo.getCollection(MongoCollections.AUTH_AUTHORIZATIONS).replaceOne(new Document("_id", authorization.getId()),
                stored, new ReplaceOptions().upsert(true));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        mongo.remove(Query.query(Criteria.where("_id").is(authorization.getId())),
                MongoCollections.AUTH_AUTHORIZATIONS);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return read(mongo.findById(id, Document.class, MongoCollections.AUTH_AUTHORIZATIONS));
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        String hash = hash(token);
        Criteria matching;
        if (tokenType == null) {
            matching = new Criteria().orOperator(FIELDS.values().stream().distinct()
                    .map(field -> Criteria.where(field).is(hash)).toArray(Criteria[]::new));
        } else if (FIELDS.containsKey(tokenType.getValue())) {
            matching = Criteria.where(FIELDS.get(tokenType.getValue())).is(hash);
        } else {
            return null; // device codes: no client here uses that grant
        }
        return read(mongo.findOne(Query.query(matching), Document.class, MongoCollections.AUTH_AUTHORIZATIONS));
    }

    /** Removes authorisations whose every token has expired (and requests nobody finished). */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void sweep() {
        long removed = mongo.remove(Query.query(Criteria.where(EXPIRES_AT).lt(Date.from(clock.instant()))),
                MongoCollections.AUTH_AUTHORIZATIONS).getDeletedCount();
        if (removed > 0) {
            log.debug("{} expired authorisations removed", removed);
        }
    }

    private OAuth2Authorization read(Document stored) {
        if (stored == null || stored.getDate(EXPIRES_AT).toInstant().isBefore(clock.instant())) {
            return null;
        }
        try {
            return (OAuth2Authorization) SessionValues.read(stored.get(VALUE, Binary.class).getData());
        } catch (IllegalArgumentException | ClassCastException unreadable) {
            log.warn("Authorisation {} cannot be read: {}", stored.getString("_id"), unreadable.getMessage());
            return null;
        }
    }

    /** When the longest-lived of its tokens expires. */
    private Instant expiresAt(OAuth2Authorization authorization) {
        List<OAuth2Authorization.Token<?>> tokens = new ArrayList<>();
        Stream.of(authorization.getToken(OAuth2AuthorizationCode.class), authorization.getAccessToken(),
                authorization.getRefreshToken(), authorization.getToken(OidcIdToken.class))
                .filter(java.util.Objects::nonNull).forEach(tokens::add);
        return tokens.stream().map(token -> token.getToken().getExpiresAt()).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(clock.instant().plus(PENDING));
    }

    private static String value(OAuth2Authorization.Token<? extends AbstractOAuth2Token> token) {
        return token == null ? null : token.getToken().getTokenValue();
    }

    private static String hash(String value) {
        if (value == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
