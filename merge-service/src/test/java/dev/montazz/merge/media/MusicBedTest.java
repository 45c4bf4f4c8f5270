package dev.montazz.merge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.montazz.merge.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Music under a film: recognised by reading it (every format offered, nothing else), brought to its level against the
 * voices, lower while someone speaks, faded out at the end; the picture, the voices and the chapters stay as they were.
 * Levels are read per frequency (the voice is a 440 Hz tone, the music 1 kHz), so each can be heard apart.
 */
class MusicBedTest {

    private static final int VOICE_HZ = 440;
    private static final int MUSIC_HZ = 1000;
    private static final Duration LONGEST = Duration.ofMinutes(20);

    @TempDir
    Path dir;

    private final TakeNormaliser normaliser = FilmTools.of("music-work", 320, 180, 25).normaliser();
    private final MusicMixer mixer = new MusicMixer();

    @Test
    void musicPlaysUnderTheVoicesLowerWhileSomeoneSpeaksAndFadesOutAtTheEnd() throws Exception {
        // Four shots of 3 s: nobody speaks, Bob speaks, nobody speaks twice.
        List<Path> parts = new ArrayList<>();
        String[][] shots = {{"red", "0"}, {"lime", String.valueOf(VOICE_HZ)}, {"blue", "0"}, {"white", "0"}};
        for (String[] shot : shots) {
            Path take = TestMedia.webm(dir, shot[0], shot[0], 320, 240, 3.0, Integer.parseInt(shot[1]));
            Path out = dir.resolve(shot[0] + ".mp4");
            assertThat(normaliser.normalise(take, shot[0], out, s -> { }).usable()).isTrue();
            parts.add(out);
        }
        Path film = dir.resolve("film.mp4");
        new Concatenator().join(parts, Arrays.asList("Ann", "Bob", "Cleo", "Dan"), film, s -> { });
        Path song = TestMedia.music(dir, "song", "mp3", MUSIC_HZ, 20, -6);
        MusicProbe.Facts facts = MusicProbe.probe(song, LONGEST);
        assertThat(facts.format()).isEqualTo("mp3");
        assertThat(facts.seconds()).isCloseTo(20, within(0.1));

        Path scored = dir.resolve("scored.mp4");
        mixer.mix(film, new MusicMixer.Bed(song, facts.loudness(), -12), scored, s -> { });

        double alone = TestMedia.toneDb(scored, 1.0, 2.5, MUSIC_HZ);
        double underBob = TestMedia.toneDb(scored, 4.0, 5.5, MUSIC_HZ);
        double afterBob = TestMedia.toneDb(scored, 7.8, 8.8, MUSIC_HZ);
        double lastMoments = TestMedia.toneDb(scored, 11.5, 11.9, MUSIC_HZ);
        double bob = TestMedia.toneDb(scored, 4.0, 5.5, VOICE_HZ);
        double bobBefore = TestMedia.toneDb(film, 4.0, 5.5, VOICE_HZ);
        assertThat(alone).as("the music, nobody speaking: about 12 dB under a -16 LUFS tone (-19 dBFS)")
                .isCloseTo(-31, within(2.0));
        assertThat(underBob).as("the music while Bob speaks").isLessThan(alone - 10);
        assertThat(afterBob).as("the music back up after Bob").isCloseTo(alone, within(2.0));
        assertThat(lastMoments).as("the music fading out").isLessThan(alone - 6);
        assertThat(bob).as("Bob as loud as before the music").isCloseTo(bobBefore, within(0.5));
        assertThat(TestMedia.r128(scored, 3.2, 5.8).truePeakDb()).isLessThanOrEqualTo(-1.5);

        TestMedia.Probe before = TestMedia.probe(film);
        TestMedia.Probe after = TestMedia.probe(scored);
        assertThat(after.durationSeconds()).isCloseTo(before.durationSeconds(), within(0.1));
        assertThat(after.videoCodec()).isEqualTo("h264");
        assertThat(after.audioCodec()).isEqualTo("aac");
        assertThat(TestMedia.chapters(scored)).isEqualTo(TestMedia.chapters(film));
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(scored, 4.5), 1)).as("Bob's green shot in place").isTrue();
    }

    @Test
    void everyFormatOfferedIsRecognisedByReadingIt() throws Exception {
        for (String extension : List.of("mp3", "m4a", "ogg", "oga", "wav", "flac")) {
            Path song = TestMedia.music(dir, "song-" + extension, extension, MUSIC_HZ, 2, 0);
            // Named as nothing in particular: the name is never what tells.
            Path renamed = Files.move(song, dir.resolve("upload-" + extension + ".bin"));
            MusicProbe.Facts facts = MusicProbe.probe(renamed, LONGEST);
            assertThat(facts.seconds()).as(extension).isCloseTo(2, within(0.1));
            assertThat(facts.loudness()).as(extension).isBetween(-25.0, -10.0);
        }
    }

    @Test
    void whatIsNotMusicIsRefusedWithAReason() throws Exception {
        Path text = Files.writeString(dir.resolve("song.mp3"), "#EXTM3U\nhttp://example.com/a.mp3\n");
        assertThatThrownBy(() -> MusicProbe.probe(text, LONGEST)).isInstanceOf(MusicProbe.NotMusic.class)
                .hasMessageContaining("not a sound file");
        Path video = dir.resolve("clip.m4a");
        TestMedia.ffmpeg(List.of("-f", "lavfi", "-i", "color=c=red:s=320x240:d=2", "-f", "lavfi", "-i",
                "sine=frequency=440:d=2", "-c:v", "libx264", "-c:a", "aac", "-f", "mp4", video.toString()));
        assertThatThrownBy(() -> MusicProbe.probe(video, LONGEST)).hasMessageContaining("holds a video");
        Path tooLong = TestMedia.music(dir, "long", "flac", MUSIC_HZ, 8, 0);
        assertThatThrownBy(() -> MusicProbe.probe(tooLong, Duration.ofSeconds(5)))
                .hasMessageContaining("more than 5 seconds");
        Path blip = TestMedia.music(dir, "blip", "wav", MUSIC_HZ, 0.3, 0);
        assertThatThrownBy(() -> MusicProbe.probe(blip, LONGEST)).hasMessageContaining("less than a second");
        byte[] whole = Files.readAllBytes(TestMedia.music(dir, "cut", "flac", MUSIC_HZ, 4, 0));
        Path cut = Files.write(dir.resolve("cut-short.flac"), Arrays.copyOf(whole, 200));
        assertThatThrownBy(() -> MusicProbe.probe(cut, LONGEST)).isInstanceOf(MusicProbe.NotMusic.class);
    }
}
