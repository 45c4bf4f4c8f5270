package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A contributor without a camera adds a shot from their phone's camera roll in Chromium: from the watch page to the
 * studio's file page, a sound file first (refused with the reason, nothing kept), then an MP4, uploaded with its
 * progress bar. It joins the film after the owner's recorded take, under the contributor's name, in its own colour.
 */
class ShotFileBrowserTest {

    private static final double TITLE = 2.5;
    private static final double SHOT = 3.0;

    private static Platform platform;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void aContributorAddsAShotFromAVideoFile() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        Person bob = Person.signUp(platform, "Bob");
        String montage = Api.createMontage(platform, ann, "From the camera roll");
        Api.invite(platform, ann, bob, montage);
        Api.recordTake(platform, ann, montage, TestMedia.webm(dir, "ann", "red", 320, 240, SHOT, 440));
        Api.awaitReady(platform, ann, montage, Duration.ofSeconds(90));
        Path song = TestMedia.music(dir, "Voice memo", "wav", 1000, 3, -6);
        Path clip = TestMedia.cameraRollVideo(dir, "IMG_0042", "mp4", "lime", SHOT, 550);

        String portal = platform.url(Service.PORTAL);
        String watch = portal + "/montages/" + montage;
        try (Chromium chrome = Chromium.start(null, null)) {
            chrome.open(watch);
            chrome.signIn(bob.username(), bob.password());
            chrome.click("#add-shot-file");
            chrome.find("#upload-file");
            assertThat(chrome.accessibilityViolations()).as("the file page").isEmpty();

            chrome.find("#upload-file").sendKeys(song.toAbsolutePath().toString());
            chrome.click("#upload");
            chrome.waitForText("#upload-status", "not a video file", Duration.ofSeconds(15));
            assertThat(chrome.find("#upload-status").getAttribute("class")).contains("error");
            assertThat(chrome.accessibilityViolations()).as("the file page with an error").isEmpty();

            chrome.find("#upload-file").sendKeys(clip.toAbsolutePath().toString());
            chrome.click("#upload");
            chrome.screenshot("shot-file-upload");
            await().atMost(Duration.ofSeconds(60)).until(() -> chrome.driver().getCurrentUrl().startsWith(watch));
        }

        JsonNode ready = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.tree(Http.get(portal + "/api/montages/" + montage, ann.bearer())),
                        m -> RenderStatus.READY.name().equals(m.get("status").asString())
                                && m.at("/render/shots").size() == 2);
        JsonNode shots = ready.at("/render/shots");
        assertThat(shots.get(0).get("contributor").asString()).isEqualTo("Ann");
        assertThat(shots.get(1).get("contributor").asString()).as("the file is Bob's shot").isEqualTo("Bob");
        assertThat(shots.get(1).get("durationSeconds").asDouble()).isBetween(SHOT - 0.3, SHOT + 0.3);

        HttpResponse<byte[]> download = ann.browser().getBytes(watch + "/video.mp4?download=true");
        assertThat(download.statusCode()).isEqualTo(200);
        Path film = Files.write(dir.resolve("film.mp4"), download.body());
        int[] annRgb = TestMedia.colourAt(film, TITLE + SHOT / 2);
        int[] bobRgb = TestMedia.colourAt(film, TITLE + SHOT + SHOT / 2);
        assertThat(TestMedia.isPrimary(annRgb, 0)).as("Ann's take is red").isTrue();
        assertThat(TestMedia.isPrimary(bobRgb, 1)).as("Bob's file is green").isTrue();
    }

    /**
     * The connection drops mid-upload (the browser refuses the third part as a network failure would). The page says
     * to pick the same file again; after a reload it goes on from the third part: the first two parts are refused from
     * then on, so a page that started over could not finish. The shot is whole in the film.
     */
    @Test
    void anUploadCutOffMidWayGoesOnAfterAReloadFromThePartWhereItStopped() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        String montage = Api.createMontage(platform, ann, "Patchy network");
        // Noise keeps the file large: four parts of 1 MiB at least.
        Path clip = dir.resolve("IMG_0077.mp4");
        TestMedia.ffmpeg(java.util.List.of("-f", "lavfi", "-i", "color=c=lime:s=640x360:r=30:d=" + SHOT
                + ",noise=alls=20:allf=t", "-f", "lavfi", "-i", "sine=frequency=550:sample_rate=44100:d=" + SHOT,
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-pix_fmt", "yuv420p", "-c:a", "aac",
                clip.toString()));
        assertThat(Files.size(clip)).isGreaterThan(4L * 1024 * 1024);

        String portal = platform.url(Service.PORTAL);
        String watch = portal + "/montages/" + montage;
        try (Chromium chrome = Chromium.start(null, null)) {
            chrome.open(watch);
            chrome.signIn(ann.username(), ann.password());
            chrome.click("#add-shot-file");
            chrome.blockRequests("*/chunks/2?*");
            chrome.find("#upload-file").sendKeys(clip.toAbsolutePath().toString());
            chrome.click("#upload");
            chrome.waitForText("#upload-status", "Pick the same file again", Duration.ofSeconds(45));
            assertThat(chrome.find("#upload-status").getAttribute("class")).contains("error");
            chrome.screenshot("shot-file-upload-cut-off");

            chrome.blockRequests("*/chunks/0?*", "*/chunks/1?*");
            chrome.driver().navigate().refresh();
            chrome.find("#upload-file").sendKeys(clip.toAbsolutePath().toString());
            chrome.click("#upload");
            await().atMost(Duration.ofSeconds(60)).until(() -> chrome.driver().getCurrentUrl().startsWith(watch));
        }

        JsonNode ready = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.tree(Http.get(portal + "/api/montages/" + montage, ann.bearer())),
                        m -> RenderStatus.READY.name().equals(m.get("status").asString())
                                && m.at("/render/shots").size() == 1);
        assertThat(ready.at("/render/shots/0/durationSeconds").asDouble()).as("the whole shot")
                .isBetween(SHOT - 0.3, SHOT + 0.3);
        HttpResponse<byte[]> download = ann.browser().getBytes(watch + "/video.mp4?download=true");
        Path film = Files.write(dir.resolve("patchy.mp4"), download.body());
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + SHOT / 2), 1)).as("the green shot").isTrue();
    }
}
