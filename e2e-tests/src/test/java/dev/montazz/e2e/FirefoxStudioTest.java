package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The studio in Firefox, whose MediaRecorder differs from Chromium's (its own WebM muxer, Opus at its own pace, no
 * duration in the header): a shot streamed from Firefox's fake camera becomes a playable montage.
 */
class FirefoxStudioTest {

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void aShotStreamedFromFirefoxBecomesTheMontage() throws Exception {
        Person fay = Person.signUp(platform, "Fay");
        String montage = Api.createMontage(platform, fay, "Firefox test");
        try (Firefox firefox = Firefox.start()) {
            firefox.open(platform.url(Service.INGEST) + "/montages/" + montage + "/studio");
            firefox.signIn(fay.username(), fay.password());
            firefox.waitForText("#status", "Camera ready", Duration.ofSeconds(30));
            firefox.click("#join");
            firefox.waitForText("#holder", "Fay", Duration.ofSeconds(10));
            firefox.waitForText("#status", "You are on air", Duration.ofSeconds(15));
            await().atMost(Duration.ofSeconds(20)).until(() -> Integer.parseInt(firefox.text("#sent")) >= 3);
            firefox.screenshot("studio-on-air-firefox");
            firefox.click("#finish");
            firefox.waitForText("#status", "Your shot is in the montage", Duration.ofSeconds(20));
            int sent = Integer.parseInt(firefox.text("#sent"));

            JsonNode ready = Api.awaitReady(platform, fay, montage, Duration.ofSeconds(90));
            assertThat(ready.at("/render/shots").size()).isEqualTo(1);
            assertThat(ready.at("/render/shots/0/contributor").asString()).isEqualTo("Fay");
            assertThat(ready.at("/render/shots/0/durationSeconds").asDouble()).as("about one second per chunk sent")
                    .isCloseTo(sent, within(1.5));
            assertThat(ready.at("/render/videoCodec").asString()).isEqualTo("h264");
            assertThat(ready.at("/render/problems").isEmpty()).as(ready.at("/render/problems").toString()).isTrue();

            firefox.open(platform.url(Service.PORTAL) + "/montages/" + montage);
            firefox.screenshot("watch-firefox");
            firefox.waitUntil("document.querySelector('video#player')?.readyState >= 1", Duration.ofSeconds(30));
            assertThat(firefox.evaluate("document.querySelector('video#player').duration").path("value").asDouble())
                    .as("Firefox plays the film it recorded").isCloseTo(
                            ready.at("/render/durationSeconds").asDouble(), within(0.5));
            firefox.screenshot("watch-firefox");
        }
    }
}
