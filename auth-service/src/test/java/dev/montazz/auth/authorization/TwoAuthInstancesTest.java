package dev.montazz.auth.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.UUID;

import dev.montazz.auth.AuthApplication;
import dev.montazz.auth.testing.Browser;
import dev.montazz.auth.testing.People;
import dev.montazz.stack.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two auth-service instances on one MongoDB, given the same signing key, as behind a load balancer: a person's
 * requests land on either, and on the one left when the other is gone.
 */
@EmbeddedKafka(partitions = 1)
class TwoAuthInstancesTest {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static ConfigurableApplicationContext one;
    private static ConfigurableApplicationContext other;

    @BeforeAll
    static void start() throws Exception {
        String mongo = TestInfrastructure.newMongoDatabaseUri("two-auth");
        String key = pem();
        one = instance(mongo, key);
        other = instance(mongo, key);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {one, other}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
    }

    @Test
    void aPersonSignsInAndGetsTokensAcrossBothAndStaysSignedInWhenOneGoes() throws Exception {
        String a = url(one);
        String b = url(other);
        Browser browser = new Browser(a);
        String name = "ann" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(People.signUp(browser, a, name, "Ann", "a long password").statusCode()).isEqualTo(302);

        // The sign-in form (and its CSRF token, kept in the session) from one, the password posted to the other.
        HttpResponse<String> signedIn = browser.submit(a + "/login", b + "/login",
                java.util.Map.of("username", name, "password", "a long password"));
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .doesNotContain("error"));
        assertThat(browser.get(a + "/").body()).as("signed in on the first as well").contains(name);

        // A code handed out by one, redeemed at the other; the token checks out against either one's keys.
        JsonNode tokens = json.readTree(People.tokens(browser, a, b));
        String access = tokens.get("access_token").asString();
        assertThat(NimbusJwtDecoder.withJwkSetUri(a + "/oauth2/jwks").build().decode(access).getSubject())
                .isEqualTo(name);
        assertThat(NimbusJwtDecoder.withJwkSetUri(b + "/oauth2/jwks").build().decode(access).getSubject())
                .isEqualTo(name);
        assertThat(userInfo(a, access)).as("the token is known to the one that did not issue it").contains(name);

        one.close();

        assertThat(browser.get(b + "/").body()).as("still signed in on the one left").contains(name);
        assertThat(userInfo(b, access)).contains(name);
        JsonNode again = json.readTree(People.tokens(browser, b, b));
        assertThat(again.get("access_token").asString()).isNotBlank();
    }

    private static String userInfo(String auth, String access) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                auth + "/userinfo")).header("Authorization", "Bearer " + access).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static ConfigurableApplicationContext instance(String mongo, String key) {
        return new SpringApplicationBuilder(AuthApplication.class).run("--server.port=0",
                "--spring.mongodb.uri=" + mongo, "--management.health.mongodb.enabled=false",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.realKafka()
                        .orElse(System.getProperty("spring.embedded.kafka.brokers")),
                "--montazz.auth.signing.key=" + key, "--montazz.auth.admin.password=admin-password-1");
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String pem() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair()
                .getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }
}
