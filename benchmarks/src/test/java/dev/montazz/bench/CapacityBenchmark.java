package dev.montazz.bench;

import static dev.montazz.bench.BenchPlatform.QUICK;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.montazz.contract.MongoCollections;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * How many montages one machine records at once: N contributors, each in a montage of their own, record a 30-second
 * take of real 1 Mbit/s WebM at the studio's pace (a chunk a second, starts spread over a second) on the platform the
 * run command starts with its render worker as a process of its own at a lower CPU priority
 * ({@code MONTAZZ_LOCAL_RENDER_WORKER_NICENESS=10}), and N goes up until a limit breaks: the chunk round trip's 99th percentile over 100 ms, or a
 * take's normalised copy ready more than 2 s after its end (every round runs, to show how far past the first break
 * the figures go). Prints each N's figures, the largest N up to which both held, and the CPU seconds each part of the
 * platform spent per minute of footage (where the time of one take's end goes: {@code MontageReadyBenchmark}). Each
 * platform is first warmed up as one that has run a while: 2000 chunks back to back through the chunk path (500 with
 * {@code -Dquick=true}), then takes through the normaliser; without the chunks, the rounds measured the services'
 * just-in-time compilers still at work on the chunk path (round trips twice as long, with no media work at all).
 *
 * <p>In the same run: the platform as the run command starts it by default (one merge-service, chunk store and render
 * worker in one JVM) at N = 1, 4 and 6; and the reference, a platform whose takes are normalised when they end
 * ({@code MONTAZZ_MERGE_RECORDING_MAX_TAKES=0}), as before, at N = 1 and 4. {@code -Dquick=true} (the all-benchmarks
 * run): N = 1 and 4 apart and 1 for the reference, each after a shorter warm-up. "This JVM" is the benchmark's: the
 * embedded Kafka broker and MongoDB-wire server, and the scripted studios.
 */
class CapacityBenchmark {

    private static final double ROUND_TRIP_P99_MS = 100;
    private static final double LATE_SECONDS = 2;
    /** Each studio's take; 15 s in the all-benchmarks run (a take's copy is late by what its last seconds cost). */
    private static final int TAKE_SECONDS = QUICK ? 15 : 30;
    private static final int[] APART_ROUNDS = QUICK ? new int[] {1, 4} : new int[] {1, 2, 4, 6, 8};
    private static final int[] ROUNDS = QUICK ? new int[] {} : new int[] {1, 4, 6};
    /** The render worker's CPU niceness when it runs apart: it gets about a tenth of what the chunk path asks for. */
    private static final String NICENESS = "10";
    /** Chunks sent back to back before the warm-up takes (as {@code ChunkRoundTripBenchmark} warms up). */
    private static final int WARM_UP_CHUNKS = QUICK ? 500 : 2000;
    private static final int[] REFERENCE_ROUNDS = QUICK ? new int[] {1} : new int[] {1, 4};

    /**
     * What one round measured; {@code steps}: where each chunk's time went ({@link ChunkSteps}), the round's slowest
     * 1 % of chunks in {@code slowest} (those at or above its 99th percentile).
     */
    private record Round(int montages, List<Double> roundTripsMs, List<Double> lateSeconds, double[] cpuSeconds,
            double footageMinutes, Map<String, double[]> steps, List<double[]> slowest) {

        boolean held() {
            return percentile(roundTripsMs, 99) <= ROUND_TRIP_P99_MS && percentile(lateSeconds, 100) <= LATE_SECONDS;
        }
    }

    @Test
    void montagesRecordingAtOnceUntilALimitBreaks() throws Exception {
        Path data = Files.createTempDirectory("montazz-bench-");
        byte[] clip = BenchApi.webcamClip(data, TAKE_SECONDS);
        List<Round> apart;
        try (BenchPlatform bench = BenchPlatform.own(data.resolve("apart"),
                Map.ofEntries(Map.entry(Platform.RENDER_WORKER_NICENESS, NICENESS), ChunkSteps.EVERY_CHUNK,
                        ChunkSteps.EVERY_STORE))) {
            apart = rounds(bench.platform(), clip, APART_ROUNDS, true);
        }
        List<Round> rounds = List.of();
        if (ROUNDS.length > 0) {
            try (BenchPlatform bench = BenchPlatform.own(data.resolve("while-recorded"),
                    Map.ofEntries(ChunkSteps.EVERY_CHUNK, ChunkSteps.EVERY_STORE))) {
                rounds = rounds(bench.platform(), clip, ROUNDS, true);
            }
        }
        List<Round> reference;
        try (BenchPlatform bench = BenchPlatform.own(data.resolve("at-the-end"),
                Map.ofEntries(Map.entry("MONTAZZ_MERGE_RECORDING_MAX_TAKES", "0"), ChunkSteps.EVERY_CHUNK,
                        ChunkSteps.EVERY_STORE))) {
            // Its takes are made at their end, as the unpaced warm-up takes are: no paced warm-up round in the quick run.
            reference = rounds(bench.platform(), clip, REFERENCE_ROUNDS, !QUICK);
        }
        System.out.printf("%nMontages recording at once, each a %d s take of 1 Mbit/s WebM at a chunk a second%n",
                TAKE_SECONDS);
        System.out.printf("%-24s %4s %9s %9s %9s %13s %13s %11s %11s %11s %6s%n", "takes normalised", "N", "RTT p50",
                "RTT p99", "RTT max", "copy late p50", "copy late max", "merge CPU", "ingest CPU", "this JVM", "held");
        System.out.printf("%-24s %4s %9s %9s %9s %13s %13s %11s %11s %11s%n", "", "", "", "", "", "", "",
                "s/footage min", "s/footage min", "s/footage min");
        apart.forEach(round -> print("while rec., merge apart", round));
        rounds.forEach(round -> print("while rec., one merge", round));
        reference.forEach(round -> print("when they end (ref.)", round));
        System.out.printf("%nWhere the chunks' time went, mean ms: ingest's steps, and outside them (HTTP, the token's "
                + "check, waiting for a request thread); the slowest: the chunks at or above the round's p99%n");
        System.out.printf("%-24s %4s %-12s", "takes normalised", "N", "chunks");
        ChunkSteps.COLUMNS.forEach(column -> System.out.printf(" %8.8s", column));
        System.out.println();
        apart.forEach(round -> printSteps("while rec., merge apart", round));
        rounds.forEach(round -> printSteps("while rec., one merge", round));
        reference.forEach(round -> printSteps("when they end (ref.)", round));
        System.out.printf("%nLargest N that held both limits (RTT p99 <= %.0f ms, copy <= %.0f s late): %s with the "
                + "render worker apart (nice %s), %s with one merge-service%n", ROUND_TRIP_P99_MS, LATE_SECONDS,
                largest(apart), NICENESS, rounds.isEmpty() ? "(not measured)" : largest(rounds));
        System.out.printf("one montage: chunk RTT p99 %.0f ms while recorded (merge apart) vs %.0f ms when takes are "
                + "normalised at their end (%.2fx); copy late at most %.2f s vs %.2f s%n",
                percentile(apart.get(0).roundTripsMs(), 99),
                percentile(reference.get(0).roundTripsMs(), 99), percentile(apart.get(0).roundTripsMs(), 99)
                        / percentile(reference.get(0).roundTripsMs(), 99),
                percentile(apart.get(0).lateSeconds(), 100), percentile(reference.get(0).lateSeconds(), 100));
        assertThat(apart).isNotEmpty();
    }

    private static String largest(List<Round> rounds) {
        return rounds.stream().takeWhile(Round::held).reduce((first, second) -> second)
                .map(round -> "N = " + round.montages()).orElse("none");
    }

    /**
     * Rounds of rising N on one platform; each runs, so the figures show how the limits go past the first break.
     * {@code pacedWarmUp}: a round of two before them, through the code that makes takes while they are recorded.
     */
    private static List<Round> rounds(Platform platform, byte[] clip, int[] sizes, boolean pacedWarmUp)
            throws Exception {
        List<Round> rounds = new ArrayList<>();
        try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
            MongoCollection<Document> takes = mongo.getDatabase(platform.mongoUri().replaceAll(".*/([^/?]+).*", "$1"))
                    .getCollection(MongoCollections.TAKES);
            List<BenchApi.Person> people = new ArrayList<>();
            // A server that has run a while: its compilers are done with the chunk path and the normaliser.
            BenchApi.Person warm = BenchApi.person(platform);
            BenchApi.warmChunkPath(platform, warm.token(), clip, TAKE_SECONDS, WARM_UP_CHUNKS);
            String warmUp = BenchApi.createMontage(platform, warm.token(), "Warm-up", 60);
            for (int i = 0; i < (QUICK ? 2 : 4); i++) {
                BenchApi.recordTake(platform, warm.token(), warmUp, clip, TAKE_SECONDS);
            }
            if (pacedWarmUp) {
                round(platform, takes, people, 2, clip);
            }
            for (int n : sizes) {
                rounds.add(round(platform, takes, people, n, clip));
            }
        }
        return rounds;
    }

    private static Round round(Platform platform, MongoCollection<Document> takes, List<BenchApi.Person> people,
            int n, byte[] clip) throws Exception {
        while (people.size() < n) {
            people.add(BenchApi.person(platform));
        }
        List<String> montages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            montages.add(BenchApi.createMontage(platform, people.get(i).token(), "Capacity " + n + "/" + i, 60));
        }
        double[] before = cpu(platform);
        Map<String, List<Double>> roundTrips = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService studios = Executors.newFixedThreadPool(n);
        try {
            List<Future<?>> recording = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int studio = i;
                recording.add(studios.submit(() -> {
                    Thread.sleep(studio * 1000L / n);
                    roundTrips.put(montages.get(studio), BenchApi.recordTake(platform, people.get(studio).token(),
                            montages.get(studio), clip, TAKE_SECONDS, true).stream().map(nanos -> nanos / 1e6)
                            .toList());
                    return null;
                }));
            }
            for (Future<?> studio : recording) {
                studio.get();
            }
        } finally {
            studios.shutdown();
        }
        List<Double> late = new ArrayList<>();
        for (String montage : montages) {
            late.add(lateness(takes, montage));
        }
        // The renders that follow each take's end count too: they are part of recording a montage.
        for (int i = 0; i < n; i++) {
            awaitReady(platform, people.get(i).token(), montages.get(i));
        }
        double[] after = cpu(platform);
        double[] spent = new double[after.length];
        for (int i = 0; i < after.length; i++) {
            spent[i] = after[i] - before[i];
        }
        List<Double> all = roundTrips.values().stream().flatMap(List::stream).toList();
        Map<String, double[]> steps = ChunkSteps.read(platform.log(Service.INGEST), platform.log(Service.MERGE),
                roundTrips);
        double p99 = percentile(all, 99);
        List<double[]> slowest = new ArrayList<>();
        roundTrips.forEach((montage, trips) -> {
            for (int seq = 0; seq < trips.size(); seq++) {
                if (trips.get(seq) >= p99 && steps.containsKey(montage + "#" + seq)) {
                    slowest.add(steps.get(montage + "#" + seq));
                }
            }
        });
        return new Round(n, all, late, spent, n * TAKE_SECONDS / 60.0, steps, slowest);
    }

    /** Seconds from the take's end (its last chunk stored) to its normalised copy kept, as merge recorded both. */
    private static double lateness(MongoCollection<Document> takes, String montage) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            Document take = takes.find(Filters.eq("montageId", montage)).first();
            if (take != null && take.getDate("normalisedAt") != null && take.getDate("finishedAt") != null) {
                Instant finished = take.getDate("finishedAt").toInstant();
                Instant normalised = take.getDate("normalisedAt").toInstant();
                return Math.max(0, Duration.between(finished, normalised).toMillis() / 1000.0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The take of " + montage + " was never normalised");
    }

    private static void awaitReady(Platform platform, String token, String montage) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if ("READY".equals(BenchApi.montage(platform, token, montage).get("status").asString())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(montage + " was never rendered");
    }

    /** CPU seconds so far of merge (its render worker too, when it runs apart), ingest and this JVM. */
    private static double[] cpu(Platform platform) throws Exception {
        double merge = Processes.cpuSeconds(platform.pid(Service.MERGE));
        for (long worker : platform.renderWorkerPids()) {
            merge += Processes.cpuSeconds(worker);
        }
        return new double[] {merge, Processes.cpuSeconds(platform.pid(Service.INGEST)),
                Processes.cpuSeconds(ProcessHandle.current().pid())};
    }

    private static void print(String label, Round round) {
        double minutes = round.footageMinutes();
        System.out.printf("%-24s %4d %6.0f ms %6.0f ms %6.0f ms %11.2f s %11.2f s %11.1f %11.1f %11.1f %6s%n", label,
                round.montages(), percentile(round.roundTripsMs(), 50), percentile(round.roundTripsMs(), 99),
                percentile(round.roundTripsMs(), 100), percentile(round.lateSeconds(), 50),
                percentile(round.lateSeconds(), 100), round.cpuSeconds()[0] / minutes,
                round.cpuSeconds()[1] / minutes, round.cpuSeconds()[2] / minutes, round.held() ? "yes" : "NO");
    }

    private static void printSteps(String label, Round round) {
        printSteps(label, round.montages(), "all " + round.steps().size(), ChunkSteps.mean(round.steps().values()));
        printSteps("", round.montages(), "slowest " + round.slowest().size(), ChunkSteps.mean(round.slowest()));
    }

    private static void printSteps(String label, int n, String chunks, double[] means) {
        System.out.printf("%-24s %4d %-12s", label, n, chunks);
        for (double mean : means) {
            System.out.printf(" %8.1f", mean);
        }
        System.out.println();
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
