package dev.montazz.bench;

import static dev.montazz.bench.BenchPlatform.QUICK;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.montazz.contract.render.RenderStatus;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The headline figure: a sequence montage of ten 30-second takes (five minutes) recorded one after the other through
 * ingest's API at the studio's pace (a chunk a second) on the platform the run command starts, and the time from the
 * end of each take (its last chunk acknowledged) to a playable montage with it (the portal answers READY with that
 * many shots). Ten figures per run: their median, 95th percentile and worst. Before them, one take in another
 * montage warms the platform up (as one that has run a while).
 *
 * <p>The reference, measured in the same run on another platform: takes normalised only once they end and every film
 * stored whole ({@code MONTAZZ_MERGE_RECORDING_MAX_TAKES=0}, {@code MONTAZZ_MERGE_FILM_PIECES=false}), as before
 * issue #17; three takes. Between them (not with {@code -Dquick}), takes made while recorded but films stored whole:
 * five takes, what storing the film in pieces adds.
 *
 * <p>{@code -Dlong=true} adds ten 5-minute takes (a 50-minute film): eight sent as fast as they are acknowledged
 * (their copies are made meanwhile), the last two at the studio's pace and measured; about 20 minutes more.
 * {@code -Dlong.paced=10}: all ten at the studio's pace, for a 95th percentile over ten (about an hour).
 */
class MontageReadyBenchmark {

    /**
     * {@code -Dquick=true} (for the all-benchmarks run): three takes of 20 s on the shared platform, no second
     * reference and a reference of one take.
     */
    private static final int TAKES = QUICK ? 3 : 10;
    /** 20 s in the quick run: what is left at a take's end is its last second, not the ones before it. */
    private static final int TAKE_SECONDS = QUICK ? 20 : 30;
    private static final int REFERENCE_TAKES = QUICK ? 1 : 3;
    private static final int WHOLE_TAKES = 5;
    /** Of the ten 5-minute takes of {@code -Dlong}, those recorded at the studio's pace (and measured). */
    private static final int LONG_PACED = Integer.getInteger("long.paced", 2);

    @Test
    void fromTheEndOfEachTakeToAPlayableMontage() throws Exception {
        Path data = Files.createTempDirectory("montazz-bench-");
        if (!"only".equals(System.getProperty("long"))) {
            thirtySecondTakes(data);
        }
        if (Boolean.getBoolean("long") || "only".equals(System.getProperty("long"))) {
            byte[] longClip = BenchApi.webcamClip(data, 300);
            try (BenchPlatform bench = BenchPlatform.own(data.resolve("long"), Map.of())) {
                Run run = record(bench.platform(), longClip, TAKES, 300, LONG_PACED);
                System.out.printf("%nTen takes of 5 minutes (a 50-minute film), the last %d at the studio's pace%n",
                        LONG_PACED);
                System.out.printf("%-64s %s%n", "end of a take -> playable montage with it", run.seconds());
                System.out.printf("merge's render job after the last take: %s%n", run.lastSteps());
            }
        }
    }

    private static void thirtySecondTakes(Path data) throws Exception {
        byte[] clip = BenchApi.webcamClip(data, TAKE_SECONDS);
        List<Double> whileRecorded;
        String steps;
        try (BenchPlatform bench = BenchPlatform.open()) {
            Run run = record(bench.platform(), clip, TAKES, TAKE_SECONDS, TAKES);
            whileRecorded = run.seconds();
            steps = run.lastSteps();
        }
        List<Double> whole = List.of();
        if (!QUICK) {
            try (BenchPlatform bench = BenchPlatform.own(data.resolve("whole"),
                    Map.of("MONTAZZ_MERGE_FILM_PIECES", "false"))) {
                whole = record(bench.platform(), clip, WHOLE_TAKES, TAKE_SECONDS, WHOLE_TAKES).seconds();
            }
        }
        List<Double> atTheEnd;
        try (BenchPlatform bench = BenchPlatform.own(data.resolve("at-the-end"),
                Map.of("MONTAZZ_MERGE_RECORDING_MAX_TAKES", "0", "MONTAZZ_MERGE_FILM_PIECES", "false"))) {
            atTheEnd = record(bench.platform(), clip, REFERENCE_TAKES, TAKE_SECONDS, REFERENCE_TAKES).seconds();
        }
        System.out.printf("%nTakes of %d s recorded at the studio's pace (a chunk a second), sequence layout%n",
                TAKE_SECONDS);
        System.out.printf("%-64s %s%n", "end of a take -> playable montage with it", "median    p95    worst");
        print("made while recorded, film in pieces (" + TAKES + " takes)", whileRecorded);
        if (!whole.isEmpty()) {
            print("made while recorded, film stored whole (" + WHOLE_TAKES + " takes)", whole);
        }
        print("reference: made when it ends, film whole (" + REFERENCE_TAKES + " takes)", atTheEnd);
        System.out.printf("%-64s %7.2fx (target p95: at most 1.5 s)%n", "p95 ratio, in pieces / reference",
                percentile(whileRecorded, 95) / percentile(atTheEnd, 95));
        System.out.printf("merge's render job after the last take: %s%n", steps);
        assertThat(whileRecorded).hasSize(TAKES);
    }

    /** Seconds from each paced take's end to a playable montage with it, and where the last render's time went. */
    private record Run(List<Double> seconds, String lastSteps) {
    }

    /** Records {@code takes} takes; the last {@code paced} of them at the studio's pace, and only those measured. */
    private static Run record(Platform platform, byte[] clip, int takes, int chunks, int paced) throws Exception {
        BenchApi.Session session = new BenchApi.Session(platform);
        // A platform that has run a while: its compilers done with the chunk path, the normaliser and the join.
        String warmUp = BenchApi.createMontage(platform, session.get(), "Warm-up", Math.max(60, chunks + 5));
        BenchApi.recordTake(platform, session, warmUp, clip, chunks, false);
        awaitShots(platform, session, warmUp, 1);
        String montage = BenchApi.createMontage(platform, session.get(), "Takes", Math.max(60, chunks + 5));
        List<Double> seconds = new ArrayList<>();
        for (int i = 1; i <= takes; i++) {
            boolean measured = i > takes - paced;
            BenchApi.recordTake(platform, session, montage, clip, chunks, measured);
            long ended = System.nanoTime();
            awaitShots(platform, session, montage, i);
            if (measured) {
                seconds.add((System.nanoTime() - ended) / 1e9);
            }
        }
        return new Run(seconds, lastRenderSteps(platform, montage));
    }

    /**
     * The render job's own account of its last render of the montage, and the last take's (merge's log lines): how
     * long after its end was known its end was read, encoded, and its copy kept.
     */
    private static String lastRenderSteps(Platform platform, String montage) throws Exception {
        // The job logs after the render is READY.
        Thread.sleep(2000);
        String log = Files.readString(platform.log(Service.MERGE));
        return last(log, "Montage " + Pattern.quote(montage) + " rendered: (.*)") + "; the last take: "
                + last(log, "Take " + Pattern.quote(montage) + "/\\S+ by .* normalised as it was recorded: (.*)");
    }

    private static String last(String log, String regex) {
        String last = "(not in the log)";
        Matcher lines = Pattern.compile(regex).matcher(log);
        while (lines.find()) {
            last = lines.group(1);
        }
        return last;
    }

    private static void print(String label, List<Double> seconds) {
        System.out.printf("%-64s %6.2f s %6.2f s %6.2f s%n", label, percentile(seconds, 50), percentile(seconds, 95),
                percentile(seconds, 100));
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static JsonNode awaitShots(Platform platform, BenchApi.Session session, String montage, int shots)
            throws Exception {
        long deadline = System.nanoTime() + 900_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode m = BenchApi.montage(platform, session.get(), montage);
            if (RenderStatus.READY.name().equals(m.get("status").asString()) && m.at("/render/shots").size() == shots) {
                return m;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The montage never had " + shots + " shots");
    }
}
