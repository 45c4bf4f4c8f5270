package dev.montazz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * run command starts, and N goes up until a limit breaks: the chunk round trip's 99th percentile over 100 ms, or a
 * take's normalised copy ready more than 2 s after its end. Prints each N's figures, the largest N that held, the CPU
 * seconds each part of the platform spent per minute of footage, and where the time of a take's end goes.
 *
 * <p>The reference in the same run: one montage alone (N = 1), the chunk path and the copy with nothing else going on.
 */
class CapacityBenchmark {

    private static final int TAKE_SECONDS = 30;
    private static final double ROUND_TRIP_P99_MS = 100;
    private static final double LATE_SECONDS = 2;
    private static final int[] ROUNDS = Boolean.getBoolean("quick") ? new int[] {1, 4, 8} : new int[] {1, 2, 4, 6,
            8, 10, 12};
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    /** What one round measured. */
    private record Round(int montages, List<Double> roundTripsMs, List<Double> lateSeconds, double[] cpuSeconds,
            double footageMinutes) {

        boolean held() {
            return percentile(roundTripsMs, 99) <= ROUND_TRIP_P99_MS && percentile(lateSeconds, 100) <= LATE_SECONDS;
        }
    }

    @Test
    void montagesRecordingAtOnceUntilALimitBreaks() throws Exception {
        Path data = Files.createTempDirectory("montazz-bench-");
        byte[] clip = BenchApi.webcamClip(data, TAKE_SECONDS);
        try (Platform platform = Platform.start(HOME, data, false);
                MongoClient mongo = MongoClients.create(platform.mongoUri())) {
            MongoCollection<Document> takes = mongo.getDatabase(platform.mongoUri().replaceAll(".*/([^/?]+).*", "$1"))
                    .getCollection(MongoCollections.TAKES);
            List<BenchApi.Person> people = new ArrayList<>();
            // A server that has run a while: its compilers are done with the chunk path and the normaliser.
            round(platform, takes, people, 2, clip);
            System.out.printf("%nMontages recording at once, each a 30 s take of 1 Mbit/s WebM at a chunk a second%n");
            System.out.printf("%4s %9s %9s %9s %13s %13s %11s %11s %11s %7s%n", "N", "RTT p50", "RTT p99", "RTT max",
                    "copy late p50", "copy late max", "merge CPU", "ingest CPU", "Kafka+Mongo", "held");
            System.out.printf("%4s %9s %9s %9s %13s %13s %11s %11s %11s%n", "", "", "", "", "", "",
                    "s/footage min", "s/footage min", "+clients");
            Round reference = null;
            Round largest = null;
            for (int n : ROUNDS) {
                Round round = round(platform, takes, people, n, clip);
                reference = reference == null ? round : reference;
                print(round);
                if (!round.held()) {
                    break;
                }
                largest = round;
            }
            assertThat(largest).as("one montage alone holds the limits").isNotNull();
            System.out.printf("%nLargest N that held on this machine: %d montages recording at once%n",
                    largest.montages());
            System.out.printf("at N = %d: chunk RTT p99 %.0f ms (%.2fx one montage alone), copy late at most %.2f s "
                    + "(one alone: %.2f s)%n", largest.montages(), percentile(largest.roundTripsMs(), 99),
                    percentile(largest.roundTripsMs(), 99) / percentile(reference.roundTripsMs(), 99),
                    percentile(largest.lateSeconds(), 100), percentile(reference.lateSeconds(), 100));
        }
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
        long[] pids = {platform.pid(Service.MERGE), platform.pid(Service.INGEST), ProcessHandle.current().pid()};
        double[] before = cpu(pids);
        List<Double> roundTrips = Collections.synchronizedList(new ArrayList<>());
        ExecutorService studios = Executors.newFixedThreadPool(n);
        try {
            List<Future<?>> recording = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int studio = i;
                recording.add(studios.submit(() -> {
                    Thread.sleep(studio * 1000L / n);
                    for (long nanos : BenchApi.recordTake(platform, people.get(studio).token(),
                            montages.get(studio), clip, TAKE_SECONDS, true)) {
                        roundTrips.add(nanos / 1e6);
                    }
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
        double[] after = cpu(pids);
        double[] spent = new double[pids.length];
        for (int i = 0; i < pids.length; i++) {
            spent[i] = after[i] - before[i];
        }
        return new Round(n, roundTrips, late, spent, n * TAKE_SECONDS / 60.0);
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

    private static double[] cpu(long[] pids) throws Exception {
        double[] seconds = new double[pids.length];
        for (int i = 0; i < pids.length; i++) {
            seconds[i] = Processes.cpuSeconds(pids[i]);
        }
        return seconds;
    }

    private static void print(Round round) {
        double minutes = round.footageMinutes();
        System.out.printf("%4d %6.0f ms %6.0f ms %6.0f ms %11.2f s %11.2f s %11.1f %11.1f %11.1f %7s%n",
                round.montages(), percentile(round.roundTripsMs(), 50), percentile(round.roundTripsMs(), 99),
                percentile(round.roundTripsMs(), 100), percentile(round.lateSeconds(), 50),
                percentile(round.lateSeconds(), 100), round.cpuSeconds()[0] / minutes,
                round.cpuSeconds()[1] / minutes, round.cpuSeconds()[2] / minutes, round.held() ? "yes" : "NO");
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
