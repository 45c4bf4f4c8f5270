package dev.montazz.security.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import dev.montazz.security.testing.MovableClock;

/**
 * The session store on a real MongoDB-wire server, as two instances of a service see it: each one's repository over
 * the same collection, and a clock the test moves.
 */
class MongoSessionRepositoryTest {

    private static final String CONTEXT = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final String uri = TestInfrastructure.newMongoDatabaseUri("sessions");
    private final MongoClient client = MongoClients.create(uri);
    private final MongoTemplate mongo = new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1));
    private final SessionSettings settings = new SessionSettings("test-sessions", Duration.ofMinutes(15),
            Duration.ofMinutes(1), Duration.ofMinutes(1));
    private final MovableClock clock = MovableClock.at(Instant.parse("2026-12-06T10:00:00Z"));
    private final MongoSessionRepository one = new MongoSessionRepository(mongo, settings, TIMEOUT, clock);
    private final MongoSessionRepository other = new MongoSessionRepository(mongo, settings, TIMEOUT, clock);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aSessionSavedByOneInstanceIsReadByAnotherWithItsSignIn() {
        StoredSession session = one.createSession();
        session.setAttribute(CONTEXT, signedIn("ann"));
        session.setAttribute("montazz.studio.montage", "m-1");
        one.save(session);

        StoredSession read = other.findById(session.getId());
        assertThat(read).isNotNull();
        assertThat(read.<SecurityContextImpl>getAttribute(CONTEXT).getAuthentication().getName()).isEqualTo("ann");
        assertThat(read.<String>getAttribute("montazz.studio.montage")).as("a dotted name").isEqualTo("m-1");
        assertThat(read.getCreationTime()).isEqualTo(session.getCreationTime());
        assertThat(read.getMaxInactiveInterval()).isEqualTo(TIMEOUT);
        assertThat(other.findByPrincipalName("ann")).containsOnlyKeys(session.getId());
        assertThat(other.findByPrincipalName("bob")).isEmpty();
    }

    @Test
    void aNewIdAtSignInLeavesNothingUnderTheOldOne() {
        StoredSession session = one.createSession();
        session.setAttribute("saved-request", "/montages/m-1");
        one.save(session);
        String before = session.getId();

        StoredSession again = other.findById(before);
        again.changeSessionId();
        again.setAttribute(CONTEXT, signedIn("ann"));
        other.save(again);

        assertThat(one.findById(before)).as("the id a visitor had before signing in").isNull();
        assertThat(one.findById(again.getId()).<String>getAttribute("saved-request")).isEqualTo("/montages/m-1");
    }

    @Test
    void twoRequestsAtOnceKeepWhatEachChanged() {
        StoredSession session = one.createSession();
        session.setAttribute("a", 1);
        one.save(session);

        StoredSession page = one.findById(session.getId());
        StoredSession stream = other.findById(session.getId());
        page.setAttribute("b", 2);
        stream.setAttribute("c", 3);
        stream.removeAttribute("a");
        one.save(page);
        other.save(stream);

        StoredSession after = one.findById(session.getId());
        assertThat(after.getAttributeNames()).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void aSessionEndedElsewhereIsNotBroughtBackByARequestStillHoldingIt() {
        StoredSession session = one.createSession();
        session.setAttribute(CONTEXT, signedIn("ann"));
        one.save(session);
        StoredSession slowRequest = other.findById(session.getId());

        one.deleteById(session.getId());
        slowRequest.setAttribute("late", true);
        other.save(slowRequest);

        assertThat(one.findById(session.getId())).isNull();
        assertThat(mongo.getCollection("test-sessions").countDocuments()).isZero();
    }

    @Test
    void sessionsEndAfterTheirTimeoutAnonymousOnesSoonerAndTheSweepRemovesThem() {
        StoredSession visitor = one.createSession();
        visitor.setAttribute("saved-request", "/");
        one.save(visitor);
        StoredSession ann = one.createSession();
        ann.setAttribute(CONTEXT, signedIn("ann"));
        one.save(ann);

        clock.advance(Duration.ofMinutes(16));
        assertThat(other.findById(visitor.getId())).as("nobody signed in: 15 minutes").isNull();
        assertThat(other.findById(ann.getId())).isNotNull();

        clock.advance(Duration.ofMinutes(15));
        assertThat(other.sweep()).isEqualTo(1);
        assertThat(other.findById(ann.getId())).as("signed in, idle for 31 minutes").isNull();
        assertThat(mongo.getCollection("test-sessions").countDocuments()).isZero();
    }

    @Test
    void aRequestThatChangesNothingWritesOnlyWhenTheStoredTimeGetsOld() {
        StoredSession session = one.createSession();
        session.setAttribute(CONTEXT, signedIn("ann"));
        one.save(session);

        clock.advance(Duration.ofSeconds(20));
        StoredSession soon = other.findById(session.getId());
        soon.setLastAccessedTime(clock.instant());
        other.save(soon);
        assertThat(stored(session.getId()).getDate("lastAccessedAt").toInstant()).isEqualTo(session.getCreationTime());

        clock.advance(Duration.ofSeconds(50));
        StoredSession later = other.findById(session.getId());
        later.setLastAccessedTime(clock.instant());
        other.save(later);
        assertThat(stored(session.getId()).getDate("expiresAt").toInstant()).isEqualTo(clock.instant().plus(TIMEOUT));
    }

    @Test
    void aStoredValueOfAClassTheServiceDoesNotReadEndsTheSessionInsteadOfBeingBuilt() {
        StoredSession session = one.createSession();
        session.setAttribute(CONTEXT, signedIn("ann"));
        one.save(session);
        mongo.getCollection("test-sessions").updateOne(new Document("_id", session.getId()), new Document("$set",
                new Document("attributes.planted", new Binary(SessionValues.write(new File("/etc/passwd"))))));

        assertThat(other.findById(session.getId())).isNull();
        assertThat(stored(session.getId())).as("ended, not left to fail again").isNull();
    }

    @Test
    void theNamesOfAttributesSurviveTheirEscaping() {
        for (String name : List.of("a.b", "$x", "100%", "%2E", "SPRING_SECURITY_CONTEXT")) {
            assertThat(SessionValues.attributeName(SessionValues.fieldName(name))).isEqualTo(name);
            assertThat(SessionValues.fieldName(name)).doesNotContain(".").doesNotStartWith("$");
        }
    }

    @Test
    void onlyThePrincipalIndexIsKnown() {
        assertThat(one.findByIndexNameAndIndexValue("colour", "red")).isEqualTo(Map.of());
        assertThat(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME).isNotBlank();
    }

    private Document stored(String id) {
        return mongo.getCollection("test-sessions").find(new Document("_id", id)).first();
    }

    private static SecurityContextImpl signedIn(String username) {
        return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(username, null,
                AuthorityUtils.createAuthorityList("ROLE_USER")));
    }
}
