package dev.montazz.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.montazz.auth.testing.Browser;
import dev.montazz.security.testing.MovableClock;
import dev.montazz.auth.testing.People;
import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.account.AccountContact;
import dev.montazz.stack.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Accounts, sign-in and tokens through auth-service's real pages and endpoints on a real port. */
@org.springframework.kafka.test.context.EmbeddedKafka(partitions = 1)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountsAndSignInTest {

    static final MovableClock clock = MovableClock.withRealTime();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "auth");
        registry.add("montazz.auth.admin.password", () -> "admin-password-1");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aPersonSignsUpThenSignsInThroughTheForms() throws Exception {
        Browser browser = new Browser(base());
        String name = "ann" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> signedUp = signUp(browser, name, name + "@example.org", "correct horse battery");
        assertThat(signedUp.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?registered"));

        HttpResponse<String> home = browser.follow(signIn(browser, name, "correct horse battery"));
        assertThat(home.body()).contains("Hello, <span>" + name + "</span>");

        String hash = mongo.findOne(Query.query(Criteria.where("username").is(name)), org.bson.Document.class, MongoCollections.ACCOUNTS)
                .getString("passwordHash");
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("correct horse");
        // The portal reads how to reach a person through the contract's read model.
        assertThat(mongo.findOne(Query.query(Criteria.where(AccountContact.USERNAME).is(name)), AccountContact.class,
                MongoCollections.ACCOUNTS)).isEqualTo(new AccountContact(name, "Test " + name, name + "@example.org"));
    }

    @Test
    void signUpExplainsWhatIsWrongAndStoresNothing() throws Exception {
        Browser browser = new Browser(base());
        String page = signUp(browser, "x", "not-an-address", "short").body();
        assertThat(page).contains("3 to 32 letters").contains("This is not an e-mail address")
                .contains("Use 10 to 72 characters");
        assertThat(mongo.exists(Query.query(Criteria.where("email").is("not-an-address")), MongoCollections.ACCOUNTS)).isFalse();
        for (String nowhere : new String[] {"ann@localhost", "ann@example", "<ann@example.org>"}) {
            assertThat(signUp(browser, "ann" + UUID.randomUUID().toString().substring(0, 6), nowhere,
                    "long enough password").body()).as(nowhere).contains("This is not an e-mail address");
            assertThat(mongo.exists(Query.query(Criteria.where("email").is(nowhere)), MongoCollections.ACCOUNTS))
                    .isFalse();
        }

        String taken = signUp(browser, "admin", "someone@example.org", "long enough password").body();
        assertThat(taken).contains("This user name is taken");
    }

    @Test
    void aFormPostWithoutCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> response = new Browser(base()).post("/login",
                Map.of("username", "admin", "password", "admin-password-1"));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void afterFiveWrongPasswordsEachAttemptWaitsAndTheRightOneWorksOnceTheWaitIsOver() throws Exception {
        Browser browser = new Browser(base());
        String name = "bob" + UUID.randomUUID().toString().substring(0, 6);
        signUp(browser, name, name + "@example.org", "the right password");
        for (int i = 0; i < 5; i++) {
            assertThat(browser.follow(signIn(browser, name, "wrong " + i)).body()).contains("Wrong user name or password");
        }
        HttpResponse<String> waiting = browser.follow(signIn(browser, name, "the right password"));
        assertThat(waiting.body()).contains("Too many wrong passwords. Try again in 2 seconds.");

        clock.advance(Duration.ofSeconds(3));
        assertThat(browser.follow(signIn(browser, name, "the right password")).body()).contains("Hello,");
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsA400OnSignUpAndAWrongPasswordOnSignIn() throws Exception {
        Browser browser = new Browser(base());
        String name = "long" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> refused = browser.submit("/signup", "/signup", Map.of("username", name, "displayName", "Long",
                "email", name + "@example.org", "password", "ü".repeat(40)));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("72 bytes at most");
        assertThat(hasAccount(name)).isFalse();

        assertThat(browser.follow(signIn(browser, "admin", "p".repeat(100))).body())
                .contains("Wrong user name or password");
    }

    @Test
    void aSignUpWithoutAPasswordCreatesNothing() throws Exception {
        Browser browser = new Browser(base());
        String name = "nopw" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> refused = browser.submit("/signup", "/signup", Map.of("username", name, "displayName", "No Password",
                "email", name + "@example.org"));
        assertThat(refused.body()).contains("Choose a password");
        assertThat(hasAccount(name)).isFalse();
    }

    @Test
    void signUpDoesNotRevealThatAnEmailAddressHasAnAccount() throws Exception {
        Browser browser = new Browser(base());
        String first = "mail" + UUID.randomUUID().toString().substring(0, 6);
        String second = "mail" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = signUp(browser, first, first + "@example.org", "a fine password");
        HttpResponse<String> again = signUp(new Browser(base()), second, first + "@example.org", "a fine password");

        assertThat(again.statusCode()).isEqualTo(created.statusCode());
        assertThat(again.headers().firstValue("Location")).isEqualTo(created.headers().firstValue("Location"));
        assertThat(hasAccount(second)).as("no second account with the same address").isFalse();
    }

    @Test
    void displayNamesRefuseDirectionOverridesAndInvisibleText() throws Exception {
        Browser browser = new Browser(base());
        for (String displayName : List.of("Ann\u202Enimda", "\u200B\u200B")) {
            String name = "name" + UUID.randomUUID().toString().substring(0, 6);
            HttpResponse<String> refused = browser.submit("/signup", "/signup", Map.of("username", name, "displayName",
                    displayName, "email", name + "@example.org", "password", "a fine password"));
            assertThat(refused.body()).contains("no text-direction marks");
            assertThat(hasAccount(name)).isFalse();
        }
    }

    @Test
    void administratorsDeleteAccountsOthersMayNotEvenSeeTheList() throws Exception {
        Browser someone = new Browser(base());
        String name = "gone" + UUID.randomUUID().toString().substring(0, 6);
        signUp(someone, name, name + "@example.org", "a fine password");
        someone.follow(signIn(someone, name, "a fine password"));
        assertThat(someone.get("/admin/accounts").statusCode()).as("not for people without the role").isEqualTo(403);

        Browser admin = new Browser(base());
        admin.follow(signIn(admin, "admin", "admin-password-1"));
        assertThat(admin.get("/admin/accounts?q=" + name).body()).contains(name);
        assertThat(admin.submit("/admin/accounts/" + name + "/delete", "/admin/accounts/" + name + "/delete",
                Map.of("confirm", "not the name")).body()).contains("nothing was deleted");
        assertThat(hasAccount(name)).isTrue();

        HttpResponse<String> deleted = admin.submit("/admin/accounts/" + name + "/delete",
                "/admin/accounts/" + name + "/delete", Map.of("confirm", name));
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(hasAccount(name)).isFalse();
        assertThat(someone.follow(someone.get("/")).uri().getPath()).as("their session at auth is over")
                .isEqualTo("/login");
    }

    @Test
    void theFirstAdministratorExistsWithTheConfiguredPassword() throws Exception {
        Browser browser = new Browser(base());
        assertThat(browser.follow(signIn(browser, "admin", "admin-password-1")).body()).contains("Hello, <span>admin</span>");
    }

    @Test
    void aSignedInPersonGetsSignedTokensThroughAuthorizationCodeWithPkce() throws Exception {
        JsonNode discovery = json.readTree(new Browser(base()).get("/.well-known/openid-configuration").body());
        assertThat(discovery.get("issuer").asString()).isEqualTo("http://localhost:9000");
        assertThat(json.readTree(new Browser(base()).get("/oauth2/jwks").body()).get("keys")).isNotEmpty();

        Browser browser = new Browser(base());
        signIn(browser, "admin", "admin-password-1");
        String token = accessToken(browser);
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.get("aud").toString()).contains("montazz-api");
        assertThat(claims.get("preferred_username").asString()).isEqualTo("admin");
        assertThat(claims.get("roles").toString()).contains("ADMIN");

        HttpResponse<String> userinfo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
                + "/userinfo")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(userinfo.statusCode()).isEqualTo(200);
        assertThat(json.readTree(userinfo.body()).get("sub").asString()).isEqualTo("admin");
    }

    private String accessToken(Browser browser) throws Exception {
        return People.accessToken(browser, base());
    }

    private HttpResponse<String> signUp(Browser browser, String username, String email, String password)
            throws Exception {
        return browser.submit("/signup", "/signup", Map.of("username", username, "email", email,
                "displayName", "Test " + username, "password", password));
    }

    private HttpResponse<String> signIn(Browser browser, String username, String password) throws Exception {
        return People.signIn(browser, base(), username, password);
    }

    private boolean hasAccount(String username) {
        return mongo.exists(Query.query(Criteria.where("username").is(username)), MongoCollections.ACCOUNTS);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return clock;
        }
    }
}
