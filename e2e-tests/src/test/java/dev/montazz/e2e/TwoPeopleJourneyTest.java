package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform.Service;
import dev.montazz.stack.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The product working, as two people would use it: each in their own Chromium with their own camera (a solid colour)
 * and microphone (a tone), they sign up, record one shot each taking turns on the floor, and the montage is rendered,
 * watched, sought and downloaded; the downloaded film is read back frame by frame.
 */
class TwoPeopleJourneyTest {

    private static final double TITLE = 2.5;

    @TempDir
    static Path media;

    private static Platform platform;
    private static Path redCamera;
    private static Path blueCamera;
    private static Path lowTone;
    private static Path highTone;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
        redCamera = camera("red");
        blueCamera = camera("blue");
        lowTone = tone(440);
        highTone = tone(880);
    }

    @Test
    void twoPeopleTakeTurnsAndTheirMontageIsWatchedAndDownloaded() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        try (Chromium ann = Chromium.start(redCamera, lowTone); Chromium bob = Chromium.start(blueCamera, highTone)) {
            String annName = "Ann " + suffix;
            String bobName = "Bob " + suffix;
            signUp(ann, "ann-" + suffix, annName);
            signUp(bob, "bob-" + suffix, bobName);

            // Ann starts a montage and hands Bob the invitation link.
            ann.type("#title", "Our journey " + suffix);
            ann.click(".new-montage button");
            String invitation = ann.find("#invite-link").getAttribute("value");
            String montage = ann.driver().getCurrentUrl().replaceAll(".*/montages/([^/?#]+).*", "$1");
            bob.open(invitation);
            bob.click("#accept");
            bob.waitForText("h1", "Our journey " + suffix, Duration.ofSeconds(20));

            ann.click("#studio");
            bob.click("#studio");
            ann.waitForText("#status", "Camera ready", Duration.ofSeconds(30));
            bob.waitForText("#status", "Camera ready", Duration.ofSeconds(30));

            // Ann takes the floor; Bob queues behind her and is told where he stands.
            ann.click("#join");
            ann.waitForText("#status", "You are on air", Duration.ofSeconds(15));
            bob.click("#join");
            bob.waitForText("#your-place", "You are number 1 in the queue", Duration.ofSeconds(10));
            bob.waitForText("#holder", annName, Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(30)).until(() -> sent(ann) >= 4);
            assertThat(sent(bob)).as("Bob sends nothing while Ann is on air").isZero();
            bob.screenshot("journey-studio-bob-waiting");
            ann.screenshot("journey-studio-ann-on-air");
            ann.click("#finish");
            ann.waitForText("#status", "Your shot is in the montage", Duration.ofSeconds(20));
            int annChunks = sent(ann);

            // The floor passes to Bob, after a countdown.
            bob.waitForText("#status", "You are on air", Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(30)).until(() -> sent(bob) >= 4);
            bob.click("#finish");
            bob.waitForText("#status", "Your shot is in the montage", Duration.ofSeconds(20));
            int bobChunks = sent(bob);

            // The montage renders by itself once the takes are in; Ann renders it once more and watches the bar.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                ann.open(platform.url(Service.PORTAL) + "/montages/" + montage);
                return ann.driver().findElements(org.openqa.selenium.By.cssSelector(".shots li")).size() == 2;
            });
            ann.open(platform.url(Service.PORTAL) + "/");
            ann.find(".card[data-montage='" + montage + "'] .thumb img");
            ann.screenshot("journey-list");
            ann.open(platform.url(Service.PORTAL) + "/montages/" + montage);
            ann.click("#render-again");
            // The click returns before the form's POST and redirect are done: wait for the page they lead to.
            ann.waitForText(".notice", "Rendering again", Duration.ofSeconds(20));
            recordProgress(ann);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> seenProgress(ann).contains("100 %"));
            List<String> seen = seenProgress(ann);
            assertThat(seen.stream().map(p -> Integer.parseInt(p.replace(" %", ""))).toList())
                    .as("the bar only moves forward").isSorted();

            // The page reloads with the new film: play, seek, jump to Bob's shot.
            await().atMost(Duration.ofSeconds(10)).until(() -> ann.script("return window.montazzOldPage") == null);
            ann.find("video#player");
            assertThat(ann.text(".shots")).contains(annName).contains(bobName);
            double bobOffset = Double.parseDouble(ann.find(".shots li:nth-child(2) .shot").getAttribute("data-offset"));
            assertThat(bobOffset).isGreaterThan(TITLE + 2);
            Object seeked = ann.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    const player = document.getElementById('player');
                    player.addEventListener('seeked', () => done(player.currentTime), {once: true});
                    player.addEventListener('error', () => done(-1), {once: true});
                    player.currentTime = 3.5;
                    """);
            assertThat(((Number) seeked).doubleValue()).isCloseTo(3.5, within(0.3));
            double playerDuration = ((Number) ann.script("return document.getElementById('player').duration"))
                    .doubleValue();
            ann.click(".shots li:nth-child(2) .shot");
            await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) ann.script(
                    "return document.getElementById('player').currentTime")).doubleValue() >= bobOffset - 0.1);
            ann.screenshot("journey-watch");

            // Download it as the browser would, and read it back.
            @SuppressWarnings("unchecked")
            Map<String, Object> download = (Map<String, Object>) ann.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(document.getElementById('download').href).then(async response => {
                      const bytes = new Uint8Array(await response.arrayBuffer());
                      let binary = '';
                      for (let i = 0; i < bytes.length; i += 8192) {
                        binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
                      }
                      done({status: response.status, disposition: response.headers.get('Content-Disposition'),
                            body: btoa(binary)});
                    }).catch(e => done({status: -1, disposition: String(e), body: ''}));
                    """);
            assertThat(download.get("status")).isEqualTo(200L);
            assertThat((String) download.get("disposition")).startsWith("attachment").contains("Our journey");
            Path film = Files.write(media.resolve("journey.mp4"),
                    Base64.getDecoder().decode((String) download.get("body")));

            TestMedia.Probe probe = TestMedia.probe(film);
            assertThat(probe.videoCodec()).isEqualTo("h264");
            assertThat(probe.audioCodec()).isEqualTo("aac");
            assertThat(probe.durationSeconds()).as("the title card and about a second per chunk each sent")
                    .isCloseTo(TITLE + annChunks + bobChunks, within(2.5));
            assertThat(playerDuration).as("the player shows this film, not a cached earlier cut")
                    .isCloseTo(probe.durationSeconds(), within(0.2));
            assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 1.5), 0)).as("Ann's red first").isTrue();
            assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, bobOffset + 1.5), 2)).as("Bob's blue next")
                    .isTrue();
            // Chromium's noise suppression damps a steady tone, but it stays far above the title card's silence.
            assertThat(TestMedia.loudness(film, 0.2, TITLE - 0.2)).as("the title card is silent").isLessThan(20);
            assertThat(TestMedia.loudness(film, TITLE + 0.5, TITLE + 2)).as("Ann's tone").isGreaterThan(100);
            assertThat(TestMedia.loudness(film, bobOffset + 0.5, bobOffset + 2)).as("Bob's tone").isGreaterThan(100);
        }
    }

    @Test
    void whenTheOneOnAirClosesTheirTabTheFloorPassesOnAndWhatTheySentIsKept() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Person ann = Person.signUp(platform, "Ann");
        Person bob = Person.signUp(platform, "Bob");
        String montage = Api.createMontage(platform, ann, "Closed tab " + suffix);
        Api.invite(platform, ann, bob, montage);
        try (Chromium annBrowser = Chromium.start(redCamera, lowTone)) {
            int bobChunks;
            try (Chromium bobBrowser = Chromium.start(blueCamera, highTone)) {
                bobBrowser.enterStudio(platform.url(Service.INGEST) + "/montages/" + montage + "/studio",
                        bob.username(), bob.password());
                bobBrowser.click("#join");
                bobBrowser.waitForText("#status", "You are on air", Duration.ofSeconds(15));

                annBrowser.enterStudio(platform.url(Service.INGEST) + "/montages/" + montage + "/studio",
                        ann.username(), ann.password());
                annBrowser.click("#join");
                annBrowser.waitForText("#your-place", "You are number 1", Duration.ofSeconds(10));
                await().atMost(Duration.ofSeconds(30)).until(() -> sent(bobBrowser) >= 3);
                bobChunks = sent(bobBrowser);
            } // Bob's browser is gone mid-shot, without a word to the server.

            // Past the lease, Ann gets the floor.
            annBrowser.waitForText("#status", "You are on air", Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).until(() -> sent(annBrowser) >= 3);
            annBrowser.click("#finish");
            annBrowser.waitForText("#status", "Your shot is in the montage", Duration.ofSeconds(20));

            JsonNode render = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(
                    () -> Http.tree(Http.get(platform.url(Service.PORTAL) + "/api/montages/" + montage,
                            ann.bearer())),
                    m -> RenderStatus.READY.name().equals(m.get("status").asString()) && m.at("/render/shots").size() == 2);
            JsonNode shots = render.at("/render/shots");
            assertThat(shots.get(0).get("contributor").asString()).isEqualTo("Bob");
            assertThat(shots.get(0).get("durationSeconds").asDouble())
                    .as("every chunk Bob saw acknowledged is in his shot").isGreaterThanOrEqualTo(bobChunks - 1.0);
            assertThat(shots.get(1).get("contributor").asString()).isEqualTo("Ann");
        }
    }

    private static void signUp(Chromium browser, String username, String displayName) {
        browser.open(platform.url(Service.PORTAL) + "/");
        browser.signUp(username, displayName, "password of " + username);
        browser.waitForText("#me", displayName, Duration.ofSeconds(20));
    }

    private static int sent(Chromium browser) {
        return Integer.parseInt(browser.text("#sent"));
    }

    /** Notes every figure the progress bar shows, across the reload that brings the new film. */
    private static void recordProgress(Chromium browser) {
        browser.script("""
                window.montazzOldPage = true;
                const percent = document.getElementById('progress-percent');
                const note = () => {
                  const seen = JSON.parse(sessionStorage.getItem('seen') || '[]');
                  if (seen[seen.length - 1] !== percent.textContent) { seen.push(percent.textContent); }
                  sessionStorage.setItem('seen', JSON.stringify(seen));
                };
                note();
                new MutationObserver(note).observe(percent, {childList: true, characterData: true, subtree: true});
                """);
    }

    @SuppressWarnings("unchecked")
    private static List<String> seenProgress(Chromium browser) {
        return (List<String>) browser.script("return JSON.parse(sessionStorage.getItem('seen') || '[]')");
    }

    private static Path camera(String colour) throws Exception {
        Path file = media.resolve(colour + ".y4m");
        TestMedia.ffmpeg(List.of("-f", "lavfi", "-i", "color=c=" + colour + ":s=640x480:r=15:d=2", "-pix_fmt",
                "yuv420p", file.toString()));
        return file;
    }

    private static Path tone(int hz) throws Exception {
        Path file = media.resolve(hz + ".wav");
        TestMedia.ffmpeg(List.of("-f", "lavfi", "-i", "sine=frequency=" + hz + ":sample_rate=48000:d=4", "-ac", "1",
                "-c:a", "pcm_s16le", file.toString()));
        return file;
    }
}
