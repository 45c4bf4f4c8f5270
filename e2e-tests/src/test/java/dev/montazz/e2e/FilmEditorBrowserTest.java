package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

/**
 * The owner edits the film on the watch page in Chromium: drags the last shot to the front, moves one with the keyboard,
 * leaves one out and undoes that, trims one with the sliders; each film is downloaded and read frame by frame (whose colour plays when), and its
 * chapters (in the MP4 and the page's WebVTT track) follow the shots.
 */
class FilmEditorBrowserTest {

    private static final double TITLE = 2.5;
    private static final double SHOT = 2.0;

    private static Platform platform;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void theOwnerDragsMovesLeavesOutAndUndoesAndEachFilmFollows() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        Person bob = Person.signUp(platform, "Bob");
        Person cleo = Person.signUp(platform, "Cleo");
        String montage = Api.createMontage(platform, ann, "Cut by Ann");
        Api.invite(platform, ann, bob, montage);
        Api.invite(platform, ann, cleo, montage);
        Api.recordTake(platform, ann, montage, TestMedia.webm(dir, "ann", "red", 320, 240, SHOT, 440));
        Api.recordTake(platform, bob, montage, TestMedia.webm(dir, "bob", "lime", 320, 240, SHOT, 550));
        Api.recordTake(platform, cleo, montage, TestMedia.webm(dir, "cleo", "blue", 320, 240, SHOT, 660));
        awaitFilm(ann, montage, List.of("Ann", "Bob", "Cleo"));

        String watch = platform.url(Service.PORTAL) + "/montages/" + montage;
        try (Chromium chrome = Chromium.start(null, null)) {
            chrome.open(watch);
            chrome.signIn(ann.username(), ann.password());
            chrome.find("#editor");
            chrome.screenshot("editor");
            assertThat(names(chrome)).containsExactly("Ann", "Bob", "Cleo");

            // Drag Cleo's shot (last) above Ann's (first), with the mouse.
            WebElement cleosShot = chrome.find("#cut .cut-shot:nth-child(3) .who");
            WebElement annsShot = chrome.find("#cut .cut-shot:nth-child(1)");
            new Actions(chrome.driver()).clickAndHold(cleosShot).moveByOffset(0, -20)
                    .moveToElement(annsShot, 0, -annsShot.getSize().getHeight() / 4).pause(Duration.ofMillis(100))
                    .release().perform();
            chrome.waitForText(".notice.ok", "Shots reordered", Duration.ofSeconds(15));
            assertThat(names(chrome)).containsExactly("Cleo", "Ann", "Bob");
            assertColours(ann, montage, List.of("Cleo", "Ann", "Bob"), 2, 0, 1);
            settle(chrome, ann, montage, List.of("Cleo", "Ann", "Bob"));

            // With the keyboard alone: Ann's shot one place later; the same button has the focus again afterwards.
            String later = chrome.find("#cut .cut-shot:nth-child(2) button[id^=later-]").getAttribute("id");
            chrome.driver().findElement(By.id(later)).sendKeys(Keys.ENTER);
            chrome.waitForText(".notice.ok", "moved later", Duration.ofSeconds(15));
            assertThat(names(chrome)).containsExactly("Cleo", "Bob", "Ann");
            // Ann's shot is last now, so its "later" arrow is off: the focus is on its "earlier" one.
            String earlier = later.replace("later-", "earlier-");
            assertThat(chrome.driver().switchTo().activeElement().getAttribute("id")).isEqualTo(earlier);
            settle(chrome, ann, montage, List.of("Cleo", "Bob", "Ann"));
            assertThat(chrome.driver().switchTo().activeElement().getAttribute("id"))
                    .as("still there once the page has the new film").isEqualTo(earlier);

            // Bob's shot left out: it waits below, greyed, to be put back.
            chrome.click("#cut .cut-shot:nth-child(2) button.leave-out");
            chrome.waitForText(".notice.ok", "left out", Duration.ofSeconds(15));
            assertThat(names(chrome)).containsExactly("Cleo", "Ann");
            assertThat(chrome.text(".left-out")).contains("Bob");
            assertColours(ann, montage, List.of("Cleo", "Ann"), 2, 0);
            settle(chrome, ann, montage, List.of("Cleo", "Ann"));
            chrome.screenshot("editor-shot-left-out");

            // Undo brings Bob's shot back where it was.
            chrome.click("#undo");
            chrome.waitForText(".notice.ok", "undone", Duration.ofSeconds(15));
            assertThat(names(chrome)).containsExactly("Cleo", "Bob", "Ann");
            assertColours(ann, montage, List.of("Cleo", "Bob", "Ann"), 2, 1, 0);
            settle(chrome, ann, montage, List.of("Cleo", "Bob", "Ann"));

            // Cleo's shot trimmed to its middle second with the keyboard on the sliders; the scrubber shows frames.
            chrome.click("#cut .cut-shot:nth-child(1) details.trim summary");
            await().atMost(Duration.ofSeconds(20)).until(() -> chrome.driver().findElements(
                    By.cssSelector("#cut .cut-shot:nth-child(1) .filmstrip canvas")).size() == 8);
            chrome.screenshot("editor-trim");
            WebElement start = chrome.find("#cut .cut-shot:nth-child(1) .trim-start");
            for (int i = 0; i < 5; i++) {
                start.sendKeys(Keys.ARROW_RIGHT);
            }
            WebElement end = chrome.find("#cut .cut-shot:nth-child(1) .trim-end");
            for (int i = 0; i < 5; i++) {
                end.sendKeys(Keys.ARROW_LEFT);
            }
            assertThat(chrome.text("#cut .cut-shot:nth-child(1) .trim-form")).contains("0.5").contains("1.5");
            chrome.click("#cut .cut-shot:nth-child(1) .save-trim");
            chrome.waitForText(".notice.ok", "trimmed to 0.5–1.5 s", Duration.ofSeconds(15));
            JsonNode trimmed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(
                    () -> awaitFilm(ann, montage, List.of("Cleo", "Bob", "Ann")),
                    m -> Math.abs(m.at("/render/shots/0/durationSeconds").asDouble() - 1.0) < 0.1);
            Path film = download(ann, montage);
            assertThat(TestMedia.probe(film).durationSeconds()).isCloseTo(TITLE + 1.0 + 2 * SHOT, within(0.3));
            assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 0.5), 2)).as("Cleo's second").isTrue();
            assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 1.0 + SHOT / 2), 1)).as("then Bob")
                    .isTrue();
            assertThat(trimmed.at("/render/shots/1/offsetSeconds").asDouble()).isCloseTo(TITLE + 1.0, within(0.1));
        }
        // Bob records in the montage but does not edit it: no editor on his page, his edits are refused.
        assertThat(bob.browser().get(watch).body()).doesNotContain("Edit the film");
        HttpResponse<String> refused = Http.postJson(platform.url(Service.PORTAL) + "/api/montages/" + montage
                + "/shots/undo", bob.bearer(), java.util.Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    /**
     * Waits until the page shows the film with these shots: the page reloads itself when a new film is ready, so
     * until then what the test holds of the page may go.
     */
    private static void settle(Chromium chrome, Person owner, String montage, List<String> contributors)
            throws InterruptedException {
        String videoId = awaitFilm(owner, montage, contributors).at("/render/videoId").asString();
        while (true) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> Boolean.TRUE.equals(
                    chrome.script("var p = document.getElementById('player'); return document.readyState === "
                            + "'complete' && !!p && p.src.indexOf(arguments[0]) >= 0;", videoId)));
            chrome.script("window.montazzSettled = true;");
            Thread.sleep(1500);   // longer than the page waits before reloading for a new film
            if (Boolean.TRUE.equals(chrome.script("return window.montazzSettled === true;"))) {
                return;
            }
        }
    }

    private Path download(Person owner, String montage) throws Exception {
        HttpResponse<byte[]> download = owner.browser().getBytes(platform.url(Service.PORTAL) + "/montages/"
                + montage + "/video.mp4?download=true");
        assertThat(download.statusCode()).isEqualTo(200);
        return Files.write(dir.resolve("film-" + System.nanoTime() + ".mp4"), download.body());
    }

    private static List<String> names(Chromium chrome) {
        List<String> names = new ArrayList<>();
        chrome.driver().findElements(By.cssSelector("#cut .cut-shot .who strong"))
                .forEach(name -> names.add(name.getText()));
        return names;
    }

    /** The montage once its film is READY with these contributors' shots in this order. */
    private static JsonNode awaitFilm(Person owner, String montage, List<String> contributors) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> Http.tree(Http.get(platform.url(Service.PORTAL) + "/api/montages/" + montage,
                        owner.bearer())), m -> RenderStatus.READY.name().equals(m.get("status").asString())
                        && contributors.equals(m.at("/render/shots").valueStream()
                                .map(shot -> shot.get("contributor").asString()).toList()));
    }

    /**
     * Downloads the film once it has these shots, and reads the middle of each: the primary colour (0 red, 1 green,
     * 2 blue) of each shot in turn.
     */
    private void assertColours(Person owner, String montage, List<String> contributors, int... channels)
            throws Exception {
        awaitFilm(owner, montage, contributors);
        Path film = download(owner, montage);
        assertThat(TestMedia.probe(film).durationSeconds()).isCloseTo(TITLE + SHOT * channels.length, within(0.3));
        assertThat(TestMedia.chapters(film)).as("a chapter for each shot, named after its contributor")
                .extracting(TestMedia.Chapter::title).containsExactlyElementsOf(contributors);
        String track = owner.browser().get(platform.url(Service.PORTAL) + "/montages/" + montage + "/chapters.vtt")
                .body();
        assertThat(track.lines().filter(contributors::contains).toList()).containsExactlyElementsOf(contributors);
        for (int i = 0; i < channels.length; i++) {
            double middle = TITLE + SHOT * i + SHOT / 2;
            assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, middle), channels[i]))
                    .as("%s's shot at %.1f s", contributors.get(i), middle).isTrue();
        }
    }
}
