package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import tools.jackson.databind.JsonNode;

/**
 * The owner adds music in Chromium: picks a file on the studio's music page (a video first, refused with the reason),
 * watches it upload, comes back to the editor, lowers the level with the keyboard, takes the music out and undoes
 * that. Each film is downloaded and listened to per frequency (voices at 440 and 550 Hz, the music at 1 kHz): the
 * music under the title card, lower while someone speaks, every shot still at -16 LUFS.
 */
class MusicBrowserTest {

    private static final double TITLE = 2.5;
    private static final double SHOT = 3.0;
    private static final int MUSIC_HZ = 1000;

    private static Platform platform;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void theOwnerAddsMusicSetsItsLevelTakesItOutAndUndoes() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        Person bob = Person.signUp(platform, "Bob");
        String montage = Api.createMontage(platform, ann, "With a tune");
        Api.invite(platform, ann, bob, montage);
        Api.recordTake(platform, ann, montage, TestMedia.webm(dir, "ann", "red", 320, 240, SHOT, 440));
        Api.recordTake(platform, bob, montage, TestMedia.webm(dir, "bob", "lime", 320, 240, SHOT, 550));
        Api.awaitReady(platform, ann, montage, Duration.ofSeconds(90));
        Path song = TestMedia.music(dir, "Summer song", "mp3", MUSIC_HZ, 40, -6);
        Path video = TestMedia.webm(dir, "not-music", "blue", 320, 240, 1.0, 440);

        String watch = platform.url(Service.PORTAL) + "/montages/" + montage;
        try (Chromium chrome = Chromium.start(null, null)) {
            chrome.open(watch);
            chrome.signIn(ann.username(), ann.password());
            chrome.find("#no-music");
            chrome.click("#add-music");
            chrome.find("#upload-file");
            assertThat(chrome.text("#no-music")).contains("No music yet");
            assertThat(chrome.accessibilityViolations()).as("the music page").isEmpty();

            chrome.find("#upload-file").sendKeys(video.toAbsolutePath().toString());
            chrome.click("#upload");
            chrome.waitForText("#upload-status", "not a sound file", Duration.ofSeconds(15));
            assertThat(chrome.find("#upload-status").getAttribute("class")).contains("error");
            assertThat(chrome.accessibilityViolations()).as("the music page with an error").isEmpty();

            chrome.find("#upload-file").sendKeys(song.toAbsolutePath().toString());
            chrome.screenshot("music-upload");
            chrome.click("#upload");
            await().atMost(Duration.ofSeconds(30)).until(() -> chrome.driver().getCurrentUrl().startsWith(watch));
            chrome.find("#music-name");
            assertThat(chrome.text("#music-name")).isEqualTo("Summer song.mp3");
            chrome.screenshot("editor-music");
            assertThat(chrome.accessibilityViolations()).as("the editor with music").isEmpty();
        }
        Path film = awaitFilm(ann, montage, -12);
        double alone = TestMedia.toneDb(film, 0.8, TITLE - 0.2, MUSIC_HZ);
        double underAnn = TestMedia.toneDb(film, TITLE + 0.8, TITLE + SHOT - 0.2, MUSIC_HZ);
        assertThat(alone).as("the music under the title card, 12 dB under the voices' level").isCloseTo(-31, within(3.0));
        assertThat(underAnn).as("the music while Ann speaks").isLessThan(alone - 10);
        for (int i = 0; i < 2; i++) {
            double start = TITLE + SHOT * i;
            assertThat(TestMedia.r128(film, start + 0.2, start + SHOT - 0.2).integratedLufs())
                    .as("shot %d at the film's loudness", i + 1).isCloseTo(-16.0, within(1.0));
        }
        assertThat(TestMedia.toneDb(film, TITLE + 0.8, TITLE + SHOT - 0.2, 440)).as("Ann heard")
                .isGreaterThan(-25);

        try (Chromium chrome = Chromium.start(null, null)) {
            chrome.open(watch + "#music");
            chrome.signIn(ann.username(), ann.password());
            // Six steps quieter by keyboard alone, then saved.
            for (int i = 0; i < 6; i++) {
                chrome.find("#music-level").sendKeys(Keys.ARROW_LEFT);
            }
            assertThat(chrome.text("#music-level-value")).isEqualTo("-18 dB");
            chrome.find("#save-music-level").sendKeys(Keys.ENTER);
            chrome.waitForText(".notice.ok", "Music level set to -18 dB", Duration.ofSeconds(15));
            Path quieter = awaitFilm(ann, montage, -18);
            assertThat(TestMedia.toneDb(quieter, 0.8, TITLE - 0.2, MUSIC_HZ)).isCloseTo(alone - 6, within(1.5));

            chrome.click("#music-remove");
            chrome.waitForText(".notice.ok", "Music taken out", Duration.ofSeconds(15));
            chrome.find("#music-play");
            Path without = awaitFilm(ann, montage, null);
            assertThat(TestMedia.toneDb(without, 0.8, TITLE - 0.2, MUSIC_HZ)).as("no music").isLessThan(-60);

            chrome.click("#undo");
            chrome.waitForText(".notice.ok", "Last edit undone", Duration.ofSeconds(15));
            chrome.find("#music-remove");
            Path back = awaitFilm(ann, montage, -18);
            assertThat(TestMedia.toneDb(back, 0.8, TITLE - 0.2, MUSIC_HZ)).isCloseTo(alone - 6, within(1.5));
        }
    }

    /**
     * Downloads the film once it is READY with the music at this level (null: without music), as the API tells and
     * the film's own sound confirms.
     */
    private Path awaitFilm(Person owner, String montage, Integer level) throws Exception {
        String portal = platform.url(Service.PORTAL);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode film = Http.tree(Http.get(portal + "/api/montages/" + montage, owner.bearer()));
            JsonNode music = Http.tree(Http.get(portal + "/api/montages/" + montage + "/shots", owner.bearer()))
                    .get("music");
            boolean wanted = level == null ? music == null || music.isNull() || !music.get("playing").asBoolean()
                    : music != null && !music.isNull() && music.get("playing").asBoolean()
                            && music.get("levelDb").asInt() == level;
            return wanted && "READY".equals(film.get("status").asString());
        });
        // The render the edit asked for may still be on its way: the film's sound tells which one this is.
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<byte[]> download = owner.browser().getBytes(portal + "/montages/" + montage
                    + "/video.mp4?download=true");
            Path film = Files.write(dir.resolve("film-" + System.nanoTime() + ".mp4"), download.body());
            return film;
        }, film -> {
            double music;
            try {
                music = TestMedia.toneDb(film, 0.8, TITLE - 0.2, MUSIC_HZ);
            } catch (java.io.IOException unreadable) {
                return false;
            }
            return level == null ? music < -60 : Math.abs(music - (-19 + level)) < 3;
        });
    }

}
