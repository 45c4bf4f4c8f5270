package dev.montazz.merge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.montazz.merge.testing.TestMedia;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Takes of different sizes, one without sound and one cut off mid-file, normalised and joined with a title card by
 * packet copy; the film is read back to check order, length, size, sound and captions.
 */
class FilmPipelineTest {

    @TempDir
    Path dir;

    private final FilmTools tools = FilmTools.of("film-pipeline-work", 640, 360, 30);
    private final FilmFormat format = tools.format();
    private final TakeNormaliser normaliser = tools.normaliser();
    private final Concatenator concatenator = new Concatenator();

    /**
     * A contributor far from the microphone and one right at it end equally loud in the film: each take at -16 LUFS
     * within 1 LU and at most -1.5 dBTP, as FFmpeg's own EBU R128 meter reads the film.
     */
    @Test
    void everyTakeIsAsLoudAsTheOthersInTheFilm() throws Exception {
        Path quiet = TestMedia.webmAtLevel(dir, "quiet", "red", 3.0, 440, -16);
        Path loud = TestMedia.webmAtLevel(dir, "loud", "blue", 3.0, 660, 17);
        assertThat(TestMedia.r128(quiet, 0, 3).integratedLufs()).as("the quiet recording").isLessThan(-32);
        assertThat(TestMedia.r128(loud, 0, 3).integratedLufs()).as("the loud recording").isGreaterThan(-6);

        List<Path> parts = new ArrayList<>();
        for (Path take : List.of(quiet, loud)) {
            Path out = dir.resolve("levelled-" + parts.size() + ".mp4");
            assertThat(normaliser.normalise(take, "Ann", out, s -> { }).usable()).isTrue();
            parts.add(out);
        }
        Path film = dir.resolve("levelled.mp4");
        concatenator.join(parts, film, s -> { });

        for (double[] span : new double[][] {{0.2, 2.8}, {3.2, 5.8}}) {
            TestMedia.R128 measured = TestMedia.r128(film, span[0], span[1]);
            assertThat(measured.integratedLufs()).as("the take from %.1f s", span[0]).isCloseTo(-16.0, within(1.0));
            assertThat(measured.truePeakDb()).as("the take from %.1f s", span[0]).isLessThanOrEqualTo(-1.5);
        }
    }

    /** A trimmed take keeps just its span: red then blue around the middle, sound throughout, the caption at its start. */
    @Test
    void aTrimmedTakeKeepsOnlyItsSpan() throws Exception {
        Path turning = TestMedia.webmTurning(dir, "turning", "red", "blue", 4.0);
        Path out = dir.resolve("trimmed.mp4");

        TakeNormaliser.Result result = normaliser.normalise(turning, "Ann", new TakeNormaliser.Span(1.0, 3.5),
                dev.montazz.contract.montage.Framing.BARS, out, s -> { });

        assertThat(result.seconds()).isCloseTo(2.5, within(0.05));
        assertThat(TestMedia.probe(out).durationSeconds()).isCloseTo(2.5, within(0.1));
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(out, 0.5), 0)).as("red until the recording's 2nd second")
                .isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(out, 1.5), 2)).as("blue after it").isTrue();
        assertThat(TestMedia.loudness(out, 0.1, 2.4)).as("sound throughout").isGreaterThan(1000);
        assertThat(captionChange(out, 0.2, 1.5)).as("the caption at the trimmed start").isGreaterThan(20);
    }

    /** A phone held upright: black bars beside it, or, as the owner may choose, a blurred copy of itself. */
    @Test
    void anUprightTakeFillsTheFrameWithABlurredCopyOfItselfWhenTheOwnerChoosesSo() throws Exception {
        Path upright = TestMedia.webm(dir, "upright", "red", 240, 320, 1.0, 440);
        Path bars = dir.resolve("bars.mp4");
        Path blurred = dir.resolve("blurred.mp4");
        normaliser.normalise(upright, "Ann", TakeNormaliser.Span.WHOLE, dev.montazz.contract.montage.Framing.BARS,
                bars, s -> { });
        normaliser.normalise(upright, "Ann", TakeNormaliser.Span.WHOLE, dev.montazz.contract.montage.Framing.BLURRED,
                blurred, s -> { });

        assertThat(TestMedia.probe(blurred).width()).isEqualTo(640);
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(blurred, 0.5), 0)).as("the picture itself").isTrue();
        int[] beside = TestMedia.pixelAt(bars, 0.5, 0.1, 0.3);
        assertThat(beside[0] + beside[1] + beside[2]).as("black bars").isLessThan(40);
        int[] filled = TestMedia.pixelAt(blurred, 0.5, 0.1, 0.3);
        assertThat(filled[0]).as("red, darker and blurred, beside it").isGreaterThan(120);
        assertThat(filled[1] + filled[2]).isLessThan(120);
    }

    @Test
    void takesBecomeOneFilmInTurnOrderWithSoundThroughoutAndNamesOnScreen() throws Exception {
        Path red = TestMedia.webm(dir, "red", "red", 640, 480, 2.0, 440);
        Path green = TestMedia.webm(dir, "green", "lime", 320, 240, 1.5, 0);
        Path blue = TestMedia.webm(dir, "blue", "blue", 1280, 720, 2.0, 660);

        List<Path> parts = new ArrayList<>();
        parts.add(dir.resolve("title.mp4"));
        double title = tools.titleCard().write("Summer <b>'24</b>", List.of("Ann", "Bob"), parts.get(0));
        List<String> problems = new ArrayList<>();
        String[] names = {"Ann", "Bob", "Cleo"};
        Path[] takes = {red, green, blue};
        for (int i = 0; i < takes.length; i++) {
            Path out = dir.resolve("n" + i + ".mp4");
            TakeNormaliser.Result result = normaliser.normalise(takes[i], names[i], out, s -> { });
            problems.addAll(result.problems());
            TestMedia.Probe probe = TestMedia.probe(out);
            assertThat(probe.width()).isEqualTo(640);
            assertThat(probe.height()).isEqualTo(360);
            assertThat(result.seconds()).isCloseTo(probe.durationSeconds(), within(0.1));
            parts.add(out);
        }
        Path film = dir.resolve("film.mp4");
        List<String> chapters = java.util.Arrays.asList(null, "Ann", "Bob", "Cleo");
        List<Concatenator.Placement> placements = concatenator.join(parts, chapters, film, s -> { });

        TestMedia.Probe probe = TestMedia.probe(film);
        assertThat(TestMedia.chapters(film)).as("a chapter for each shot, none for the title card").extracting(
                TestMedia.Chapter::title).containsExactly("Ann", "Bob", "Cleo");
        assertThat(TestMedia.chapters(film).get(2).startSeconds()).isCloseTo(placements.get(3).offsetSeconds(),
                within(0.01));
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.audioCodec()).isEqualTo("aac");
        assertThat(probe.width()).isEqualTo(640);
        assertThat(probe.height()).isEqualTo(360);
        assertThat(title).isEqualTo(1.0);
        assertThat(probe.durationSeconds()).isCloseTo(1.0 + 2.0 + 1.5 + 2.0, within(0.2));
        assertThat(placements.get(1).offsetSeconds()).isCloseTo(1.0, within(0.05));
        assertThat(placements.get(2).offsetSeconds()).isCloseTo(3.0, within(0.1));
        assertThat(placements.get(3).offsetSeconds()).isCloseTo(4.5, within(0.1));
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, 2.5), 0)).as("red first").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, 4.0), 1)).as("green second").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, 6.0), 2)).as("blue third").isTrue();
        // Bob's take has no microphone: silence there, and Cleo's tone still lines up with her picture.
        assertThat(TestMedia.loudness(film, 1.3, 2.8)).isGreaterThan(1000);
        assertThat(TestMedia.loudness(film, 3.3, 4.3)).isLessThan(50);
        assertThat(TestMedia.loudness(film, 4.8, 6.3)).isGreaterThan(1000);
        assertThat(problems).singleElement().asString().contains("Bob").contains("no sound");
        // The caption sits in the lower third during the first second of a shot, and is gone after it.
        assertThat(captionChange(film, 1.5, 2.5)).as("Ann's caption").isGreaterThan(20);
        assertThat(captionChange(film, 5.0, 6.0)).as("Cleo's caption").isGreaterThan(20);
        assertThat(captionChange(film, 2.3, 2.7)).as("no caption later in the shot").isLessThan(3);
    }

    @Test
    void theGridShowsTakesSideBySideForAsLongAsTheLongestWithTheirSoundMixed() throws Exception {
        Path red = TestMedia.webm(dir, "red", "red", 640, 480, 2.0, 440);
        Path green = TestMedia.webm(dir, "green", "lime", 320, 240, 1.0, 0);
        Path blue = TestMedia.webm(dir, "blue", "blue", 640, 360, 1.5, 660);
        List<Path> cells = new ArrayList<>();
        for (Path take : List.of(red, green, blue)) {
            Path out = dir.resolve("cell-" + take.getFileName() + ".mp4");
            normaliser.normalise(take, "Ann", out, s -> { });
            cells.add(out);
        }
        Path grid = dir.resolve("grid.mp4");

        double seconds = new GridRenderer(format).render(cells, grid, s -> { });

        TestMedia.Probe probe = TestMedia.probe(grid);
        assertThat(seconds).isCloseTo(2.0, within(0.05));
        assertThat(probe.durationSeconds()).as("as long as the longest take").isCloseTo(2.0, within(0.1));
        assertThat(probe.width()).isEqualTo(640);
        assertThat(probe.height()).isEqualTo(360);
        assertThat(GridRenderer.layout(3)).containsExactly(2, 2);
        assertThat(GridRenderer.layout(9)).containsExactly(3, 3);
        assertThat(GridRenderer.layout(2)).containsExactly(2, 1);
        // Three takes in a 2x2 grid: red top left, green top right, blue bottom left, the fourth cell black.
        assertThat(TestMedia.isPrimary(cellColour(grid, 0.5, 0, 0), 0)).as("red top left").isTrue();
        assertThat(TestMedia.isPrimary(cellColour(grid, 0.5, 1, 0), 1)).as("green top right").isTrue();
        assertThat(TestMedia.isPrimary(cellColour(grid, 0.5, 0, 1), 2)).as("blue bottom left").isTrue();
        assertThat(java.util.Arrays.stream(cellColour(grid, 0.5, 1, 1)).max().getAsInt()).as("an empty cell is black")
                .isLessThan(30);
        assertThat(java.util.Arrays.stream(cellColour(grid, 1.7, 1, 0)).max().getAsInt())
                .as("green has ended by 1.7 s").isLessThan(30);
        assertThat(TestMedia.isPrimary(cellColour(grid, 1.7, 0, 0), 0)).as("red still plays").isTrue();
        // Both tones are in the mix while both play; only red's is left after blue has ended.
        assertThat(TestMedia.loudness(grid, 0.2, 1.3)).isGreaterThan(1000);
        assertThat(TestMedia.loudness(grid, 1.6, 1.95)).isGreaterThan(1000);
    }

    @Test
    void aCrossfadeDissolvesOneTakeIntoTheNextPictureAndSound() throws Exception {
        Path red = dir.resolve("red.mp4");
        Path blue = dir.resolve("blue.mp4");
        normaliser.normalise(TestMedia.webm(dir, "r", "red", 640, 480, 2.0, 440), "Ann", red, s -> { });
        normaliser.normalise(TestMedia.webm(dir, "b", "blue", 640, 480, 2.0, 660), "Bob", blue, s -> { });
        Path film = dir.resolve("faded.mp4");

        List<Concatenator.Placement> placements = new CrossfadeJoiner(format).join(List.of(red, blue),
                List.of("Ann", "Bob"), film, 0.5, s -> { });

        assertThat(placements.get(0).offsetSeconds()).isZero();
        assertThat(placements.get(1).offsetSeconds()).as("Bob's take starts as Ann's fades").isCloseTo(1.5,
                within(0.05));
        TestMedia.Probe probe = TestMedia.probe(film);
        assertThat(probe.durationSeconds()).as("the two takes overlap by the fade").isCloseTo(3.5, within(0.1));
        assertThat(TestMedia.chapters(film)).as("Bob's chapter starts with his shot, in the dissolve")
                .containsExactly(new TestMedia.Chapter("Ann", 0.0, 1.5), new TestMedia.Chapter("Bob", 1.5, 3.5));
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, 1.2), 0)).as("red before the fade").isTrue();
        int[] middle = TestMedia.colourAt(film, 1.75);
        assertThat(middle[0]).as("half red in the middle of the fade").isBetween(60, 200);
        assertThat(middle[2]).as("half blue in the middle of the fade").isBetween(60, 200);
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, 2.5), 2)).as("blue after it").isTrue();
        assertThat(TestMedia.loudness(film, 1.3, 2.2)).as("sound carries on through the fade").isGreaterThan(1000);
        assertThat(TestMedia.loudness(film, 2.5, 3.4)).isGreaterThan(1000);
    }

    @Test
    void everyPictureOfATakeKeepsItsOwnColours() throws Exception {
        Path changing = dir.resolve("changing.webm");
        TestMedia.ffmpeg(List.of("-f", "lavfi", "-i", "color=c=red:s=640x480:r=25:d=1", "-f", "lavfi", "-i",
                "color=c=blue:s=640x480:r=25:d=1", "-filter_complex", "[0:v][1:v]concat=n=2:v=1[v]", "-map", "[v]",
                "-c:v", "libvpx", "-b:v", "1M", "-deadline", "realtime", "-cpu-used", "8", changing.toString()));
        Path out = dir.resolve("changing.mp4");

        normaliser.normalise(changing, "Ann", out, s -> { });

        // Later pictures reuse the encoder's frame buffers: chroma must be copied along with luma.
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(out, 0.5), 0)).as("red first").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(out, 1.5), 2)).as("then blue").isTrue();
    }

    @Test
    void aTakeCutOffMidFileKeepsWhatCanBeRead() throws Exception {
        Path whole = TestMedia.webm(dir, "whole", "red", 320, 240, 3.0, 440);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.webm"), Arrays.copyOf(bytes, bytes.length / 2));

        TakeNormaliser.Result result = normaliser.normalise(cut, "Dan", dir.resolve("cut.mp4"), s -> { });

        assertThat(result.usable()).isTrue();
        assertThat(result.seconds()).isBetween(0.5, 2.5);
        assertThat(TestMedia.probe(dir.resolve("cut.mp4")).durationSeconds()).isCloseTo(result.seconds(),
                within(0.1));
    }

    @Test
    void aTakeThatIsNotVideoIsLeftOutWithAReason() throws Exception {
        Path broken = Files.write(dir.resolve("broken.webm"), new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 1, 2});

        TakeNormaliser.Result result = normaliser.normalise(broken, "Eve", dir.resolve("broken.mp4"), s -> { });

        assertThat(result.usable()).isFalse();
        assertThat(result.problems()).singleElement().asString().contains("Eve").contains("left out")
                .as("no internals: paths, FFmpeg's words").doesNotContain("/").doesNotContainIgnoringCase("avformat")
                .doesNotContain("broken.webm").doesNotContainIgnoringCase("invalid data");
    }

    @Test
    void aTakeWithSoundButNoPictureIsLeftOut() throws Exception {
        Path audioOnly = dir.resolve("audio.webm");
        TestMedia.ffmpeg(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:d=1", "-c:a", "libopus",
                audioOnly.toString()));

        TakeNormaliser.Result result = normaliser.normalise(audioOnly, "Fay", dir.resolve("a.mp4"), s -> { });

        assertThat(result.usable()).isFalse();
        assertThat(result.problems()).singleElement().asString().contains("no picture");
    }

    /** Average colour (r, g, b) of the middle of one cell of a 2x2 grid. */
    private static int[] cellColour(Path film, double seconds, int column, int row) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(film.toFile())) {
            grabber.start();
            grabber.setTimestamp((long) (seconds * 1_000_000));
            Frame frame = grabber.grabImage();
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            int cellWidth = frame.imageWidth / 2;
            int cellHeight = frame.imageHeight / 2;
            long[] sum = new long[3];
            int n = 0;
            for (int y = row * cellHeight + cellHeight / 3; y < row * cellHeight + 2 * cellHeight / 3; y += 2) {
                for (int x = column * cellWidth + cellWidth / 3; x < column * cellWidth + 2 * cellWidth / 3; x += 2) {
                    int at = y * frame.imageStride + x * 3;
                    sum[2] += pixels.get(at) & 0xff;
                    sum[1] += pixels.get(at + 1) & 0xff;
                    sum[0] += pixels.get(at + 2) & 0xff;
                    n++;
                }
            }
            return new int[] {(int) (sum[0] / n), (int) (sum[1] / n), (int) (sum[2] / n)};
        }
    }

    /** Mean difference between two pictures where the caption goes (lower left of the picture). */
    private static double captionChange(Path film, double first, double second) throws Exception {
        int[] a = captionArea(film, first);
        int[] b = captionArea(film, second);
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / (double) a.length;
    }

    private static int[] captionArea(Path film, double seconds) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(film.toFile())) {
            grabber.start();
            grabber.setTimestamp((long) (seconds * 1_000_000));
            Frame frame = grabber.grabImage();
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            List<Integer> values = new ArrayList<>();
            for (int y = (int) (frame.imageHeight * 0.75); y < frame.imageHeight * 0.84; y += 2) {
                for (int x = (int) (frame.imageWidth * 0.05); x < frame.imageWidth * 0.14; x += 2) {
                    int at = y * frame.imageStride + x * 3;
                    values.add((pixels.get(at) & 0xff) + (pixels.get(at + 1) & 0xff) + (pixels.get(at + 2) & 0xff));
                }
            }
            return values.stream().mapToInt(v -> v / 3).toArray();
        }
    }
}
