package dev.montazz.merge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.management.OperatingSystemMXBean;
import dev.montazz.merge.MergeProperties;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.bench.BenchPlatform;
import org.junit.jupiter.api.Test;

/**
 * Which x264 settings let one machine normalise the most takes at once for the quality films have today. Each setting
 * normalises the same 30 s studio recording (640x480 VP8 at 1 Mbit/s) with merge-service's own normaliser, four at once
 * as when four montages record together, and is measured by the CPU seconds this JVM spent per minute of footage
 * (what bounds how many takes a machine keeps up with), the size of the take, and its quality: SSIM against the
 * recording itself letterboxed the same way (by Debian's ffmpeg), past the caption. The reference, in the same run, is
 * today's setting (veryfast, x264's own threads).
 */
class EncoderSettingsBenchmark {

    private static final double SECONDS = 30;
    private static final int AT_ONCE = 4;
    private static final double CAPTION = 4;

    /**
     * Today's, then faster presets and tunes, each also at the CRF that brings its quality and size back to today's:
     * at one CRF the faster presets spend more bits (and so look better), which is not the comparison that counts.
     */
    private static final List<FilmFormat.X264> SETTINGS = List.of(FilmFormat.X264.FILMS,
            new FilmFormat.X264("veryfast", null, 1, 23), new FilmFormat.X264("faster", null, 0, 23),
            new FilmFormat.X264("veryfast", "fastdecode", 0, 23),
            new FilmFormat.X264("superfast", null, 0, 23), new FilmFormat.X264("superfast", null, 0, 26),
            new FilmFormat.X264("superfast", null, 0, 28), new FilmFormat.X264("ultrafast", null, 0, 23),
            new FilmFormat.X264("ultrafast", null, 0, 28), new FilmFormat.X264("ultrafast", null, 0, 31),
            new FilmFormat.X264("veryfast", "zerolatency", 0, 23),
            new FilmFormat.X264("veryfast", "zerolatency", 0, 26));

    /**
     * {@code -Dquick=true} (the all-benchmarks run): today's and the two that keep today's quality at less CPU (a
     * minute instead of four).
     */
    private static final List<FilmFormat.X264> QUICK_SETTINGS = List.of(FilmFormat.X264.FILMS,
            new FilmFormat.X264("superfast", null, 0, 28), new FilmFormat.X264("ultrafast", null, 0, 28));

    private record Figures(FilmFormat.X264 x264, double cpuPerFootageMinute, double wallSeconds, long bytes,
            double ssim) {
    }

    @Test
    void x264SettingsWeighedByCpuAndQuality() throws Exception {
        BenchPlatform.alone();
        Path dir = Files.createTempDirectory("montazz-x264-bench-");
        MergeProperties properties = new MergeProperties(dir.resolve("work"),
                new MergeProperties.Film(960, 540, 30, CAPTION, 2.5),
                new MergeProperties.StorageSweep(Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(7)));
        Fonts fonts = new Fonts(properties);
        Path take = dir.resolve("take.webm");
        TestMedia.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=s=640x480:r=30:d=" + SECONDS, "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000:d=" + SECONDS, "-c:v", "libvpx", "-b:v", "1M", "-deadline",
                "realtime", "-cpu-used", "8", "-c:a", "libopus", take.toString()));
        // What a perfect normaliser would show: the recording letterboxed to the film, losslessly.
        Path reference = dir.resolve("reference.mkv");
        debianFfmpeg(List.of("-i", take.toString(), "-vf", "fps=30,scale=960:540:force_original_aspect_ratio=decrease,"
                + "pad=960:540:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1", "-c:v", "ffv1", "-an", reference.toString()));

        // Warm-up: the compilers and the natives.
        measure(new TakeNormaliser(new FilmFormat(properties), fonts), FilmFormat.X264.FILMS, take, dir, reference);
        List<Figures> figures = new ArrayList<>();
        for (FilmFormat.X264 x264 : BenchPlatform.QUICK ? QUICK_SETTINGS : SETTINGS) {
            figures.add(measure(new TakeNormaliser(new FilmFormat(properties, x264), fonts), x264, take, dir,
                    reference));
        }
        Figures today = figures.get(0);
        System.out.printf("%nx264 settings, %d takes of %.0f s at 960x540 normalised at once%n", AT_ONCE, SECONDS);
        System.out.printf("%-34s %10s %9s %10s %9s %9s %8s %9s%n", "preset / tune / threads / CRF", "CPU s/min",
                "vs today", "wall (x4)", "size", "vs today", "SSIM", "vs today");
        for (Figures f : figures) {
            System.out.printf("%-34s %10.1f %8.2fx %8.1f s %7.1f MB %8.2fx %8.4f %+9.4f%n", f.x264().preset() + " / "
                    + (f.x264().tune() == null ? "-" : f.x264().tune()) + " / " + (f.x264().threads() == 0 ? "auto"
                    : f.x264().threads()) + " / " + f.x264().crf(), f.cpuPerFootageMinute(), f.cpuPerFootageMinute()
                    / today.cpuPerFootageMinute(), f.wallSeconds(), f.bytes() / 1e6, f.bytes() / (double) today.bytes(),
                    f.ssim(), f.ssim() - today.ssim());
        }
    }

    private static Figures measure(TakeNormaliser normaliser, FilmFormat.X264 x264, Path take, Path dir,
            Path reference) throws Exception {
        OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        List<Path> outputs = new ArrayList<>();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        try {
            List<Future<TakeNormaliser.Result>> results = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                Path output = dir.resolve(x264.preset() + "-" + x264.tune() + "-" + x264.threads() + "-" + x264.crf()
                        + "-" + i + ".mp4");
                outputs.add(output);
                results.add(pool.submit(() -> normaliser.normalise(take, "Ann", output, s -> { })));
            }
            for (Future<TakeNormaliser.Result> result : results) {
                assertThat(result.get().seconds()).isCloseTo(SECONDS, within(0.2));
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        double wallSeconds = (System.nanoTime() - wall) / 1e9;
        return new Figures(x264, cpuSeconds / (AT_ONCE * SECONDS / 60), wallSeconds, Files.size(outputs.get(0)),
                ssim(outputs.get(0), reference));
    }

    /** SSIM (all planes) of the take against the reference, past the caption. */
    private static double ssim(Path take, Path reference) throws Exception {
        String output = debianFfmpeg(List.of("-i", take.toString(), "-i", reference.toString(), "-lavfi",
                "[0:v]trim=start=" + CAPTION + ",setpts=PTS-STARTPTS[a];[1:v]trim=start=" + CAPTION
                        + ",setpts=PTS-STARTPTS[b];[a][b]ssim", "-f", "null", "-"));
        Matcher all = Pattern.compile("All:([0-9.]+)").matcher(output);
        if (!all.find()) {
            throw new IllegalStateException("No SSIM in " + output);
        }
        return Double.parseDouble(all.group(1));
    }

    /** Debian's ffmpeg (not JavaCV's), as the measure of quality, so the normaliser is not judged by itself. */
    private static String debianFfmpeg(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostats", "-y"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + String.join(" ", command) + "\n" + output);
        }
        return output;
    }
}
