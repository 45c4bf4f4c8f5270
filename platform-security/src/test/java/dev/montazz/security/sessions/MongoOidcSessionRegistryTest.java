package dev.montazz.security.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.montazz.stack.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionInformation;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** Which session came from which sign-in, shared by the instances: a logout token reaching any one ends them all. */
class MongoOidcSessionRegistryTest {

    private static final String ISSUER = "http://auth.example";

    private final String uri = TestInfrastructure.newMongoDatabaseUri("oidc-sessions");
    private final MongoClient client = MongoClients.create(uri);
    private final MongoTemplate mongo = new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1));
    private final SessionSettings settings = new SessionSettings("portal-sessions", null, null, null);
    private final MongoOidcSessionRegistry one = new MongoOidcSessionRegistry(mongo, settings);
    private final MongoOidcSessionRegistry other = new MongoOidcSessionRegistry(mongo, settings);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aLogoutTokenForThePersonEndsTheirSessionsFromEveryInstanceAndNobodyElses() {
        one.saveSessionInformation(signIn("s-1", "ann", "sid-a", "portal"));
        other.saveSessionInformation(signIn("s-2", "ann", "sid-b", "portal"));
        one.saveSessionInformation(signIn("s-3", "bob", "sid-c", "portal"));

        Iterable<OidcSessionInformation> ended = other.removeSessionInformation(logout("ann", null, "portal"));

        assertThat(ended).extracting(OidcSessionInformation::getSessionId).containsExactlyInAnyOrder("s-1", "s-2");
        assertThat(ended.iterator().next().getAuthorities()).containsEntry("X-CSRF-TOKEN", "csrf");
        assertThat(one.removeSessionInformation("s-3")).as("bob's stays").isNotNull();
    }

    @Test
    void aLogoutTokenNamingAProviderSessionEndsOnlyThatOne() {
        one.saveSessionInformation(signIn("s-1", "ann", "sid-a", "portal"));
        one.saveSessionInformation(signIn("s-2", "ann", "sid-b", "portal"));

        assertThat(other.removeSessionInformation(logout("ann", "sid-b", "portal")))
                .extracting(OidcSessionInformation::getSessionId).containsExactly("s-2");
        assertThat(other.removeSessionInformation(logout("ann", null, "ingest"))).as("for another client")
                .isEmpty();
        assertThat(other.removeSessionInformation("s-1")).isNotNull();
    }

    @Test
    void signInsOfSessionsThatEndedAreForgottenAfterTheirGrace() {
        MongoSessionRepository sessions = new MongoSessionRepository(mongo, settings, Duration.ofMinutes(30),
                java.time.Clock.systemUTC());
        StoredSession live = sessions.createSession();
        live.setAttribute("x", 1);
        sessions.save(live);
        one.saveSessionInformation(signIn(live.getId(), "ann", "sid-a", "portal"));
        one.saveSessionInformation(signIn("ended", "ann", "sid-b", "portal"));

        one.forgetEnded(sessions, Instant.now());
        assertThat(mongo.getCollection("portal-sessions-oidc").countDocuments()).as("within the grace").isEqualTo(2);

        one.forgetEnded(sessions, Instant.now().plus(Duration.ofMinutes(6)));
        assertThat(mongo.getCollection("portal-sessions-oidc").find().map(d -> d.getString("_id")).into(
                new java.util.ArrayList<>())).containsExactly(live.getId());
    }

    private static OidcSessionInformation signIn(String sessionId, String username, String sid, String client) {
        OidcIdToken token = OidcIdToken.withTokenValue("id-" + sessionId).issuer(ISSUER).subject(username)
                .audience(List.of(client)).claim("sid", sid).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600)).build();
        return new OidcSessionInformation(sessionId, Map.of("X-CSRF-TOKEN", "csrf"),
                new DefaultOidcUser(AuthorityUtils.createAuthorityList("OIDC_USER"), token));
    }

    private static OidcLogoutToken logout(String username, String sid, String client) {
        OidcLogoutToken.Builder token = OidcLogoutToken.withTokenValue("logout").issuer(ISSUER).subject(username)
                .audience(List.of(client)).issuedAt(Instant.now()).jti("j")
                .claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        return (sid == null ? token : token.sessionId(sid)).build();
    }

}
