package dev.montazz.merge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.montazz.merge.testing.TestMedia;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A film spliced from its parts' own media (a new index, the parts' bytes as they are) against the same parts joined
 * by packet copy: the same pictures at the same times, the same length, every frame and every second of sound, sound
 * lined up with each part's picture, and chapters; decoded whole by FFmpeg without an error.
 */
class FilmSpliceTest {

    @TempDir
    Path dir;

    private final FilmTools tools = FilmTools.of("film-splice-work", 640, 360, 30);
    private final TakeNormaliser normaliser = tools.normaliser();
    private final List<Path> parts = new ArrayList<>();
    private final List<String> chapters = Arrays.asList(null, "Ann", "Bob", "Cleo");

    @BeforeEach
    void titleAndThreeTakes() throws Exception {
        parts.add(dir.resolve("title.mp4"));
        tools.titleCard().write("Summer", List.of("Ann", "Bob", "Cleo"), parts.get(0));
        String[][] takes = {{"red", "2.0", "440"}, {"lime", "1.5", "0"}, {"blue", "2.3", "660"}};
        for (String[] take : takes) {
            Path recording = TestMedia.webm(dir, take[0], take[0], 640, 480, Double.parseDouble(take[1]),
                    Integer.parseInt(take[2]));
            Path out = dir.resolve("n-" + take[0] + ".mp4");
            assertThat(normaliser.normalise(recording, "Ann", out, s -> { }).usable()).isTrue();
            parts.add(out);
        }
    }

    @Test
    void aSplicedFilmIsTheFilmThePacketCopyMakes() throws Exception {
        Path joined = dir.resolve("joined.mp4");
        List<Concatenator.Placement> copied = new Concatenator().join(parts, chapters, joined, s -> { });
        Path head = dir.resolve("head.mp4");
        List<FilmSplice.Part> spliceParts = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            spliceParts.add(new FilmSplice.Part(parts.get(i), i == 0));
        }

        FilmSplice.Spliced spliced = new FilmSplice().splice(spliceParts, chapters, head);
        Path film = materialise(spliced, head);

        assertThat(spliced.pieces()).as("the head with the title card's media, then each take's media")
                .hasSize(4).first().extracting(FilmSplice.Piece::part).isEqualTo(-1);
        assertThat(Files.size(film)).isEqualTo(spliced.sizeBytes());
        assertThat(Files.size(head)).as("the head holds the index and the title card, no take")
                .isLessThan(Files.size(parts.get(0)) + 64 * 1024);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(spliced.placements().get(i).offsetSeconds()).as("part %d starts where the copy puts it", i)
                    .isCloseTo(copied.get(i).offsetSeconds(), within(0.001));
            assertThat(spliced.placements().get(i).durationSeconds()).isCloseTo(copied.get(i).durationSeconds(),
                    within(0.001));
        }
        TestMedia.Probe probe = TestMedia.probe(film);
        TestMedia.Probe reference = TestMedia.probe(joined);
        assertThat(probe.durationSeconds()).isCloseTo(reference.durationSeconds(), within(0.05));
        assertThat(probe.width()).isEqualTo(640);
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.audioCodec()).isEqualTo("aac");
        assertThat(frames(film)).as("every frame").isEqualTo(frames(joined));
        TestMedia.ffmpeg(List.of("-xerror", "-i", film.toString(), "-f", "null", "-"));

        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, 2.0), 0)).as("red first").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, 3.5), 1)).as("green second").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, 5.5), 2)).as("blue third").isTrue();
        // Bob's take is silent: his silence and Cleo's tone sit exactly under their pictures.
        assertThat(TestMedia.loudness(film, 1.2, 2.9)).isGreaterThan(1000);
        assertThat(TestMedia.loudness(film, 3.1, 4.4)).isLessThan(50);
        assertThat(TestMedia.loudness(film, 4.6, 6.6)).isGreaterThan(1000);
        assertThat(TestMedia.loudness(film, 4.52, 4.6)).as("Cleo's tone from her first frame").isGreaterThan(1000);
        assertThat(TestMedia.loudness(film, 4.4, 4.48)).as("none of it under Bob's last frames").isLessThan(50);
        assertThat(TestMedia.chapters(film)).extracting(TestMedia.Chapter::title).containsExactly("Ann", "Bob",
                "Cleo");
        assertThat(TestMedia.chapters(film).get(2).startSeconds()).isCloseTo(copied.get(3).offsetSeconds(),
                within(0.01));
    }

    @Test
    void aPartInAnotherFormatIsRefused() throws Exception {
        Path other = dir.resolve("other.mp4");
        FilmTools.of("film-splice-work", 320, 180, 25).normaliser()
                .normalise(TestMedia.webm(dir, "small", "red", 320, 240, 1.0, 440), "Dan", other, s -> { });

        assertThatThrownBy(() -> new FilmSplice().splice(List.of(new FilmSplice.Part(parts.get(1), false),
                new FilmSplice.Part(other, false)), Arrays.asList("Ann", "Dan"), dir.resolve("bad.mp4")))
                .isInstanceOf(IOException.class).hasMessageContaining("not in the film's format");
    }

    /** The film as a server sends it: the pieces one after another. */
    private Path materialise(FilmSplice.Spliced spliced, Path head) throws IOException {
        Path film = dir.resolve("spliced.mp4");
        try (OutputStream out = Files.newOutputStream(film)) {
            for (FilmSplice.Piece piece : spliced.pieces()) {
                Path source = piece.part() < 0 ? head : parts.get(piece.part());
                try (InputStream in = Files.newInputStream(source)) {
                    in.skipNBytes(piece.offset());
                    out.write(in.readNBytes(Math.toIntExact(piece.length())));
                }
            }
        }
        return film;
    }

    private static int frames(Path film) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(film.toFile())) {
            grabber.start();
            int frames = 0;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                frames++;
            }
            return frames;
        }
    }
}
