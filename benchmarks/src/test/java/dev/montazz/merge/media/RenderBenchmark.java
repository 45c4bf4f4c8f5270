package dev.montazz.merge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.montazz.merge.MergeProperties;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.bench.BenchPlatform;
import org.junit.jupiter.api.Test;

/**
 * merge-service's render pipeline (JavaCV in this JVM) next to the ffmpeg CLI bundled in the same natives jar, doing the
 * same jobs with the same codec settings on the same inputs, both measured in this run.
 *
 * <ul>
 * <li>normalising one 30 s browser take: letterbox to the film size, 30 fps, caption, H.264 veryfast CRF 23 + AAC;</li>
 * <li>joining ten normalised takes (5 minutes) by packet copy.</li>
 * </ul>
 * Film size: {@code -Dfilm=WIDTHxHEIGHT}, default the service's default.
 */
class RenderBenchmark {

    private static final int TAKES = 10;
    private static final double TAKE_SECONDS = 30;
    /** Medians of three; two in the all-benchmarks run ({@code -Dquick=true}), the slower of them. */
    private static final int ROUNDS = Integer.getInteger("rounds", BenchPlatform.QUICK ? 2 : 3);

    @Test
    void javacvRenderVersusTheFfmpegCli() throws Exception {
        BenchPlatform.alone();
        String[] size = System.getProperty("film", "960x540").split("x");
        int width = Integer.parseInt(size[0]);
        int height = Integer.parseInt(size[1]);
        Path dir = Files.createTempDirectory("montazz-render-bench-");
        MergeProperties properties = new MergeProperties(dir.resolve("work"),
                new MergeProperties.Film(width, height, 30, 4, 2.5),
                new MergeProperties.StorageSweep(Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(7)));
        FilmFormat format = new FilmFormat(properties);
        Fonts fonts = new Fonts(properties);
        TakeNormaliser normaliser = new TakeNormaliser(format, fonts);
        Concatenator concatenator = new Concatenator();

        Path take = dir.resolve("take.webm");
        // A moving test pattern at the studio's 640x480, VP8 + Opus like Chromium's MediaRecorder.
        TestMedia.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=s=640x480:r=30:d=" + TAKE_SECONDS, "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000:d=" + TAKE_SECONDS, "-c:v", "libvpx", "-b:v", "1M",
                "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus", take.toString()));
        Path caption = Files.writeString(dir.resolve("caption.txt"), "Ann");

        List<Double> javacv = new ArrayList<>();
        List<Double> cli = new ArrayList<>();
        Path normalised = dir.resolve("normalised.mp4");
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            normaliser.normalise(take, "Ann", normalised, s -> { });
            javacv.add(seconds(start));
            start = System.nanoTime();
            TestMedia.ffmpeg(List.of("-i", take.toString(), "-vf", "fps=30,scale=" + width + ":" + height
                    + ":force_original_aspect_ratio=decrease,pad=" + width + ":" + height
                    + ":(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,drawtext=fontfile='" + fonts.boldFile()
                    + "':textfile='" + caption + "':expansion=none:fontsize=" + height / 16
                    + ":fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=" + height / 32
                    + ":x=w*0.05:y=h*0.82-th:enable='lt(t,4)'", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
                    "-g", "60", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
                    dir.resolve("cli.mp4").toString()));
            cli.add(seconds(start));
        }
        assertThat(TestMedia.probe(normalised).durationSeconds()).isCloseTo(TAKE_SECONDS, within(0.2));

        // Ten normalised takes make five minutes; join them as a render does, and as the CLI's concat demuxer does.
        List<Path> parts = Collections.nCopies(TAKES, normalised);
        Path list = Files.write(dir.resolve("list.txt"),
                parts.stream().map(p -> "file '" + p + "'").toList());
        List<Double> join = new ArrayList<>();
        List<Double> cliJoin = new ArrayList<>();
        Path film = dir.resolve("film.mp4");
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            concatenator.join(parts, film, s -> { });
            join.add(seconds(start));
            start = System.nanoTime();
            TestMedia.ffmpeg(List.of("-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy", "-movflags",
                    "+faststart", dir.resolve("cli-film.mp4").toString()));
            cliJoin.add(seconds(start));
        }
        double filmSeconds = TestMedia.probe(film).durationSeconds();
        assertThat(filmSeconds).isCloseTo(TAKES * TAKE_SECONDS, within(1.0));

        System.out.printf("%nFilm %dx%d, %d rounds, medians (the CLI's times include starting its process)%n", width,
                height, ROUNDS);
        System.out.printf("%-44s %9s %14s%n", "job", "seconds", "x real time");
        row("normalise a 30 s take, JavaCV", median(javacv), TAKE_SECONDS);
        row("normalise a 30 s take, ffmpeg CLI", median(cli), TAKE_SECONDS);
        System.out.printf("%-44s %9.2fx  (target: within 1.1x)%n", "ratio JavaCV / CLI", median(javacv) / median(cli));
        row("join 10 takes (5 min) by packet copy, JavaCV", median(join), filmSeconds);
        row("join 10 takes by packet copy, ffmpeg CLI", median(cliJoin), filmSeconds);
        System.out.printf("%-44s %9s  (target: 50x real time or faster)%n", "", "");
        System.out.printf("%-44s %9.2f s%n", "a film's share after the last take: normalise + join",
                median(javacv) + median(join));
        System.out.printf("%-44s %9.2f s  (every take re-encoded at the end)%n", "the same film rendered from scratch",
                TAKES * median(javacv) + median(join));
    }

    private static void row(String job, double seconds, double mediaSeconds) {
        System.out.printf("%-44s %9.2f %13.1fx%n", job, seconds, mediaSeconds / seconds);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
