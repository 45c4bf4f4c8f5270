package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everyone waiting in the studio watches the one on air, live: their page plays the shot (Media Source Extensions fed
 * from the live stream) with a LIVE badge and the name of who is on air, read here from the frames it shows; a person
 * who opens the studio mid-shot sees it too.
 */
class LiveStudioTest {

    /** The centre of what the live player shows now, as {r, g, b}; empty while it shows nothing. */
    private static final String LIVE_COLOUR = """
            const video = document.getElementById('live');
            if (video.hidden || video.readyState < 2 || video.videoWidth === 0) { return []; }
            const canvas = document.createElement('canvas');
            canvas.width = video.videoWidth; canvas.height = video.videoHeight;
            const context = canvas.getContext('2d');
            context.drawImage(video, 0, 0);
            const pixel = context.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
            return [pixel[0], pixel[1], pixel[2]];
            """;

    @TempDir
    static Path media;

    private static Platform platform;
    private static Path redCamera;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
        redCamera = media.resolve("red.y4m");
        TestMedia.ffmpeg(List.of("-f", "lavfi", "-i", "color=c=red:s=640x480:r=15:d=2", "-pix_fmt", "yuv420p",
                redCamera.toString()));
    }

    @Test
    void whoWaitsWatchesTheOneOnAirLiveAndSoDoesALateComer() throws Exception {
        String title = "Live " + UUID.randomUUID().toString().substring(0, 6);
        Person ann = Person.signUp(platform, "Ann");
        Person bob = Person.signUp(platform, "Bob");
        Person cleo = Person.signUp(platform, "Cleo");
        String montage = Api.createMontage(platform, ann, title);
        Api.invite(platform, ann, bob, montage);
        Api.invite(platform, ann, cleo, montage);
        String studio = platform.url(Service.INGEST) + "/montages/" + montage + "/studio";
        try (Chromium annBrowser = Chromium.start(redCamera, null); Chromium bobBrowser = Chromium.start(null, null)) {
            bobBrowser.enterStudio(studio, bob.username(), bob.password());

            annBrowser.enterStudio(studio, ann.username(), ann.password());
            annBrowser.click("#join");
            annBrowser.waitForText("#status", "You are on air", Duration.ofSeconds(15));

            await("Bob's page shows Ann's red picture").atMost(Duration.ofSeconds(15))
                    .until(() -> isRed(bobBrowser.script(LIVE_COLOUR)));
            assertThat(bobBrowser.text("#live-badge")).contains("LIVE").contains("Ann");
            bobBrowser.screenshot("studio-watching-live");

            int watching = Integer.parseInt(bobBrowser.text("#live-viewers"));
            try (Chromium cleoBrowser = Chromium.start(null, null)) {
                cleoBrowser.open(studio);
                cleoBrowser.signIn(cleo.username(), cleo.password());
                await("Cleo, arriving mid-shot, sees it too").atMost(Duration.ofSeconds(30))
                        .until(() -> isRed(cleoBrowser.script(LIVE_COLOUR)));
                await("one more watching").atMost(Duration.ofSeconds(10))
                        .until(() -> Integer.parseInt(bobBrowser.text("#live-viewers")) == watching + 1);
            }

            annBrowser.click("#finish");
            await("the live view goes when the take ends").atMost(Duration.ofSeconds(20))
                    .until(() -> Boolean.TRUE.equals(bobBrowser.script("return document.getElementById('live').hidden")));
        }
    }

    private static boolean isRed(Object colour) {
        if (!(colour instanceof List<?> rgb) || rgb.size() != 3) {
            return false;
        }
        long r = ((Number) rgb.get(0)).longValue();
        long g = ((Number) rgb.get(1)).longValue();
        long b = ((Number) rgb.get(2)).longValue();
        return r > 150 && g < 90 && b < 90;
    }
}
