package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import dev.montazz.auth.testing.Browser;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One sign-in for every service, and every door of every service locked to those without the right key. */
class SingleSignOnTest {

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void signedInOnThePortalMeansSignedInToTheStudioWithoutAPassword() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        HttpResponse<String> studio = ann.browser().follow(ann.browser().get(platform.url(Service.INGEST) + "/"));
        assertThat(studio.uri().toString()).startsWith(platform.url(Service.INGEST));
        assertThat(studio.body()).contains("Signed in as <strong id=\"me\">Ann</strong>");
    }

    @Test
    void signingOutOfThePortalEndsTheSignInAtAuthToo() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        Browser browser = ann.browser();
        HttpResponse<String> out = browser.follow(browser.submit(platform.url(Service.PORTAL) + "/",
                platform.url(Service.PORTAL) + "/logout", java.util.Map.of()));
        assertThat(out.uri().toString()).startsWith(platform.url(Service.AUTH) + "/login");
        HttpResponse<String> again = browser.follow(browser.get(platform.url(Service.PORTAL) + "/"));
        assertThat(again.uri().toString()).as("a password is needed again")
                .startsWith(platform.url(Service.AUTH) + "/login");
    }

    /** OpenID Connect Back-Channel Logout: auth-service tells the studio, which ends its own session too. */
    @Test
    void signingOutOfThePortalSignsOutOfTheStudioToo() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        Browser browser = ann.browser();
        HttpResponse<String> studio = browser.follow(browser.get(platform.url(Service.INGEST) + "/"));
        assertThat(studio.body()).as("signed in to the studio").contains("Record a shot");

        browser.follow(browser.submit(platform.url(Service.PORTAL) + "/", platform.url(Service.PORTAL) + "/logout",
                java.util.Map.of()));

        // The studio's own session cookie is still in the browser: only the back-channel message ends it.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> again = browser.follow(browser.get(platform.url(Service.INGEST) + "/"));
            assertThat(again.uri().toString()).as("the studio asks to sign in")
                    .startsWith(platform.url(Service.AUTH) + "/login");
        });
    }

    @Test
    void anonymousPagesGoToSignInAndAnonymousApisAnswer401() throws Exception {
        for (Service service : new Service[] {Service.PORTAL, Service.INGEST}) {
            Browser stranger = new Browser(platform.url(service));
            HttpResponse<String> page = stranger.follow(stranger.get(platform.url(service) + "/"));
            assertThat(page.uri().toString()).startsWith(platform.url(Service.AUTH) + "/login");
        }
        assertThat(Http.get(platform.url(Service.PORTAL) + "/api/montages", null).statusCode()).isEqualTo(401);
        assertThat(Api.putChunk(platform, null, "any", UUID.randomUUID().toString(), 0, true, 1, new byte[] {1})
                .statusCode()).isEqualTo(401);
        assertThat(Http.get(platform.url(Service.MERGE) + "/actuator/env", null).statusCode()).isEqualTo(401);
        assertThat(Http.get(platform.url(Service.MERGE) + "/actuator/health/readiness", null).statusCode())
                .isEqualTo(200);
    }

    /** On the local stack too (embedded MongoDB-wire server), readiness says whether MongoDB and Kafka answer. */
    @Test
    void everyServiceIsReadyOnlyWithItsInfrastructureAndSaysSo() throws Exception {
        for (Service service : Service.values()) {
            tools.jackson.databind.JsonNode readiness = Http.tree(Http.get(platform.url(service)
                    + "/actuator/health/readiness", null));
            assertThat(readiness.at("/components/mongoPing/status").asString()).as(service + " MongoDB")
                    .isEqualTo("UP");
            assertThat(readiness.at("/components/kafkaCluster/status").asString()).as(service + " Kafka")
                    .isEqualTo("UP");
        }
    }

    @Test
    void forgedAndTamperedTokensAreRefused() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        String[] parts = ann.token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\":\"" + ann.username() + "\"", "\"sub\":\"admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String unsigned = parts[0] + "." + parts[1] + ".";
        for (String token : new String[] {tampered, unsigned, "not-a-token"}) {
            assertThat(Http.get(platform.url(Service.PORTAL) + "/api/montages", "Bearer " + token).statusCode())
                    .isEqualTo(401);
        }
        assertThat(Http.get(platform.url(Service.PORTAL) + "/api/montages", ann.bearer()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void nobodyElseSeesDownloadsOrRecordsIntoAPrivateMontage() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        Person bob = Person.signUp(platform, "Bob");
        String montage = Api.createMontage(platform, ann, "Ann's private montage");

        assertThat(Api.putChunk(platform, bob, montage, UUID.randomUUID().toString(), 0, true, 1,
                new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}).statusCode()).isEqualTo(403);
        assertThat(Http.postJson(platform.url(Service.INGEST) + "/api/montages/" + montage + "/floor/join",
                bob.bearer(), java.util.Map.of()).statusCode()).isEqualTo(403);
        assertThat(Http.get(platform.url(Service.PORTAL) + "/api/montages/" + montage, bob.bearer()).statusCode())
                .isEqualTo(404);
        assertThat(bob.browser().get(platform.url(Service.PORTAL) + "/montages/" + montage).statusCode())
                .isEqualTo(404);
        assertThat(bob.browser().get(platform.url(Service.PORTAL) + "/montages/" + montage + "/video.mp4")
                .statusCode()).isEqualTo(404);
        assertThat(bob.browser().get(platform.url(Service.PORTAL) + "/").body()).doesNotContain("private montage");
        assertThat(ann.browser().get(platform.url(Service.PORTAL) + "/").body()).contains("private montage");
    }
}
