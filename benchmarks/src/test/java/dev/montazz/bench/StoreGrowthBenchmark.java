package dev.montazz.bench;

import static dev.montazz.bench.BenchPlatform.QUICK;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A year of use: the platform as the run command starts it (embedded MongoDB-wire server on disk), measured on an
 * empty store, then again after other people's data is put in beside it, twice as much the second time, so the slope
 * shows: montages, their takes, and the takes' chunks (small ones: the metadata and the document count are what a
 * query pays for, not the bytes). Each stage measures, for a person of its own, three takes of 30 chunks, each in a
 * montage of its own: the chunk round trip (p50 and p99 over the 90 chunks), the take's assembly from its chunks and
 * the render's planning (from merge's log), end of take to playable film (medians over the three), then the montage
 * list and a search (medians of 15).
 *
 * <p>{@code -Dmontazz.bench.fill=N} sets the first fill (montages and takes; six chunks per take), 25,000 by default; the second adds twice as many.
 * {@code -Dquick=true} (the all-benchmarks run): one fill of 5,000 and shorter pauses, about 2 minutes instead of 7.
 */
class StoreGrowthBenchmark {


    private static final int CHUNKS = 30;
    private static final int QUERIES = 15;
    private static final int TAKES = 3;
    private static final int CHUNKS_PER_TAKE = 6;
    private static final int CHUNK_BYTES = 2048;
    private static final Pattern ASSEMBLED = Pattern.compile("assembled in (\\d+) ms");
    private static final Pattern PLANNED = Pattern.compile("rendered: .*\\(plan (\\d+) ms");

    /** One stage's figures. */
    private record Figures(long montages, long takes, long chunks, double chunkP50, double chunkP99,
            double assemblyMs, double planMs, double playableSeconds, double listMs, double searchMs) {
    }

    @Test
    void theStoreGrowsAndWhatPeopleWaitForDoesNot() throws Exception {
        int fill = Integer.getInteger("montazz.bench.fill", QUICK ? 5_000 : 25_000);
        Path data = Files.createTempDirectory("montazz-bench-growth-");
        byte[] clip = BenchApi.webcamClip(data, CHUNKS);
        BenchPlatform.delete(data);
        Map<String, Figures> stages = new LinkedHashMap<>();
        try (BenchPlatform bench = BenchPlatform.open();
                MongoClient mongo = MongoClients.create(bench.platform().mongoUri())) {
            Platform platform = bench.platform();
            MongoDatabase db = mongo.getDatabase(platform.mongoUri().replaceAll(".*/([^/?]+).*", "$1"));
            Path mergeLog = platform.log(Service.MERGE);
            // Through cold code first, so the empty store is not measured on a platform still warming up.
            settle(platform, clip);
            // Shared in the all-benchmarks run: the store holds what the benchmarks before this one left.
            stages.put(bench.warm() ? "store as found" : "empty store", measure(platform, db, clip, mergeLog));
            long filled = 0;
            for (int units : QUICK ? List.of(1) : List.of(1, 2)) {
                long started = System.nanoTime();
                fill(db, filled, filled + (long) fill * units);
                filled += (long) fill * units;
                System.out.printf("filled %,d more montages and takes, %,d more chunks in %.1f s%n",
                        (long) fill * units, (long) fill * units * CHUNKS_PER_TAKE, (System.nanoTime() - started) / 1e9);
                settle(platform, clip);
                stages.put(String.format("+%,d montages", filled), measure(platform, db, clip, mergeLog));
            }
        }
        print(stages);
    }

    /**
     * One take not measured, then a pause: the store writes out and compacts what was just put in (measured: renders
     * twice as slow right after a large fill), and a person's first take after that runs through cold caches.
     */
    private static void settle(Platform platform, byte[] clip) throws Exception {
        BenchApi.Person person = BenchApi.person(platform);
        String montage = BenchApi.createMontage(platform, person.token(), "Settling " + UUID.randomUUID());
        recordTake(platform, person.token(), montage, clip);
        awaitReady(platform, person.token(), montage);
        Thread.sleep(Duration.ofSeconds(QUICK ? 5 : 20).toMillis());
    }

    /** {@link #TAKES} takes, each in a montage of its own, then the list and a search; medians over them. */
    private static Figures measure(Platform platform, MongoDatabase db, byte[] clip, Path mergeLog) throws Exception {
        BenchApi.Person person = BenchApi.person(platform);
        List<Double> chunkMillis = new ArrayList<>();
        double[] assembly = new double[TAKES];
        double[] plan = new double[TAKES];
        double[] playable = new double[TAKES];
        for (int take = 0; take < TAKES; take++) {
            String montage = BenchApi.createMontage(platform, person.token(), "Growth " + UUID.randomUUID());
            long logStart = Files.exists(mergeLog) ? Files.size(mergeLog) : 0;
            for (double millis : recordTake(platform, person.token(), montage, clip)) {
                chunkMillis.add(millis);
            }
            long ended = System.nanoTime();
            awaitReady(platform, person.token(), montage);
            playable[take] = (System.nanoTime() - ended) / 1e9;
            String log = awaitLogged(mergeLog, logStart, PLANNED);
            assembly[take] = last(ASSEMBLED, log);
            plan[take] = last(PLANNED, log);
        }
        double[] list = new double[QUERIES];
        double[] search = new double[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            list[i] = timedGet(platform, person.token(), "/api/montages");
            search[i] = timedGet(platform, person.token(), "/api/montages?q=" + URLEncoder.encode("Growth",
                    StandardCharsets.UTF_8));
        }
        double[] chunks = chunkMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Figures(db.getCollection(MongoCollections.MONTAGES).estimatedDocumentCount(),
                db.getCollection(MongoCollections.TAKES).estimatedDocumentCount(),
                db.getCollection(MongoCollections.CHUNKS).estimatedDocumentCount(), percentile(chunks, 50),
                percentile(chunks, 99), median(assembly), median(plan), median(playable), median(list),
                median(search));
    }

    /** merge's log from {@code start} once it tells the render's steps (written just after the film is READY). */
    private static String awaitLogged(Path log, long start, Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.readString(log).substring((int) start);
            if (pattern.matcher(text).find()) {
                return text;
            }
            Thread.sleep(50);
        }
        return text;
    }

    /** A take sent as the studio sends it, each chunk once the one before was acknowledged; each chunk's time. */
    private static double[] recordTake(Platform platform, String token, String montage, byte[] clip)
            throws Exception {
        String ingest = platform.url(Service.INGEST) + "/api/montages/" + montage;
        long fence = BenchApi.takeTheFloor(platform, token, montage);
        String take = UUID.randomUUID().toString();
        int size = (clip.length + CHUNKS - 1) / CHUNKS;
        double[] millis = new double[CHUNKS];
        for (int seq = 0; seq < CHUNKS; seq++) {
            byte[] chunk = Arrays.copyOfRange(clip, seq * size, Math.min(clip.length, (seq + 1) * size));
            long sent = System.nanoTime();
            HttpResponse<String> response = BenchApi.send(HttpRequest.newBuilder(URI.create(ingest + "/takes/" + take
                    + "/chunks/" + seq + "?fence=" + fence + "&last=" + (seq == CHUNKS - 1)))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)), token);
            millis[seq] = (System.nanoTime() - sent) / 1e6;
            assertThat(response.statusCode()).as("chunk %d: %s", seq, response.body()).isEqualTo(200);
        }
        BenchApi.send(HttpRequest.newBuilder(URI.create(ingest + "/floor/finish?fence=" + fence))
                .POST(HttpRequest.BodyPublishers.noBody()), token);
        return millis;
    }

    private static void awaitReady(Platform platform, String token, String montage) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode m = BenchApi.montage(platform, token, montage);
            if (RenderStatus.READY.name().equals(m.get("status").asString()) && m.at("/render/shots").size() == 1) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The montage was never playable");
    }

    private static double timedGet(Platform platform, String token, String path) throws Exception {
        long sent = System.nanoTime();
        HttpResponse<String> response = BenchApi.send(HttpRequest.newBuilder(
                URI.create(platform.url(Service.PORTAL) + path)).GET(), token);
        double millis = (System.nanoTime() - sent) / 1e6;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("Growth");
        return millis;
    }

    /**
     * Other people's montages (one in ten public, older than the person's own), a finished take in each as merge
     * keeps it (listed under its montage), and the take's chunks, from {@code from} to {@code to}.
     */
    private static void fill(MongoDatabase db, long from, long to) {
        MongoCollection<Document> montages = db.getCollection(MongoCollections.MONTAGES);
        MongoCollection<Document> takes = db.getCollection(MongoCollections.TAKES);
        MongoCollection<Document> chunks = db.getCollection(MongoCollections.CHUNKS);
        MongoCollection<Document> montageTakes = db.getCollection(MongoCollections.MONTAGE_TAKES);
        Random random = new Random(from);
        byte[] bytes = new byte[CHUNK_BYTES];
        Date aYearAgo = Date.from(Instant.now().minus(Duration.ofDays(365)));
        List<Document> montageBatch = new ArrayList<>();
        List<Document> takeBatch = new ArrayList<>();
        List<Document> chunkBatch = new ArrayList<>();
        List<Document> listBatch = new ArrayList<>();
        for (long i = from; i < to; i++) {
            String owner = "filler-" + (i % 5_000);
            String montage = "fill-" + i;
            montageBatch.add(new Document("_id", montage).append("title", "Someone's montage " + i)
                    .append("owner", owner).append("ownerName", "Filler " + (i % 5_000))
                    .append("contributors", List.of(owner)).append("contributorNames", List.of("Filler " + (i % 5_000)))
                    .append("visibility", i % 10 == 0 ? "PUBLIC" : "PRIVATE").append("maxShotSeconds", 120)
                    .append("createdAt", aYearAgo).append("_class", "dev.montazz.portal.montage.Montage"));
            String take = montage + "/" + owner + "/t" + i;
            takeBatch.add(new Document("_id", take).append("montageId", montage).append("contributorId", owner)
                    .append("contributor", "Filler").append("container", "webm").append("startedAt", aYearAgo)
                    .append("firstPartition", 0).append("firstOffset", i).append("lastSequence", CHUNKS_PER_TAKE - 1)
                    .append("finishedAt", aYearAgo).append("normalisedId", new ObjectId().toHexString())
                    .append("normalisedSequence", CHUNKS_PER_TAKE - 1).append("seconds", 6.0)
                    .append("normalisedVersion", 2).append("normalisedFraming", "BARS").append("normalisedAt", aYearAgo)
                    .append("problems", List.of()));
            listBatch.add(new Document("_id", montage).append("takeIds", List.of(take)));
            for (int seq = 0; seq < CHUNKS_PER_TAKE; seq++) {
                random.nextBytes(bytes);
                chunkBatch.add(new Document("_id", take + ":" + seq).append("montageId", montage)
                        .append("takeId", take).append("sequence", seq).append("data", new Binary(bytes.clone()))
                        .append("partition", 0).append("offset", i * CHUNKS_PER_TAKE + seq).append("receivedAt", aYearAgo));
            }
            if (chunkBatch.size() >= 1_200) {
                flush(montages, montageBatch);
                flush(takes, takeBatch);
                flush(chunks, chunkBatch);
                flush(montageTakes, listBatch);
            }
        }
        flush(montages, montageBatch);
        flush(takes, takeBatch);
        flush(chunks, chunkBatch);
        flush(montageTakes, listBatch);
    }

    private static void flush(MongoCollection<Document> collection, List<Document> batch) {
        if (!batch.isEmpty()) {
            collection.insertMany(batch);
            batch.clear();
        }
    }

    private static void print(Map<String, Figures> stages) {
        System.out.printf("%n%-18s %9s %9s %9s | %8s %8s %10s %8s %10s %8s %8s%n", "store", "montages", "takes",
                "chunks", "chunk p50", "p99 ms", "assembly", "plan ms", "playable s", "list ms", "search");
        Figures empty = stages.values().iterator().next();
        for (Map.Entry<String, Figures> stage : stages.entrySet()) {
            Figures f = stage.getValue();
            System.out.printf("%-18s %,9d %,9d %,9d | %8.1f %8.1f %10s %8.0f %10.2f %8.1f %8.1f%n", stage.getKey(),
                    f.montages(), f.takes(), f.chunks(), f.chunkP50(), f.chunkP99(), cell("%.0f", f.assemblyMs()),
                    f.planMs(), f.playableSeconds(), f.listMs(), f.searchMs());
        }
        System.out.println("(assembly: a take put together from its chunks when the render needs it; - when every take"
                + " was made while it was recorded)");
        System.out.println("ratios against the first row:");
        for (Map.Entry<String, Figures> stage : stages.entrySet()) {
            Figures f = stage.getValue();
            System.out.printf("%-18s %29s | %8.2fx %8.2fx %10s %8.2fx %10.2fx %8.2fx %8.2fx%n", stage.getKey(), "",
                    f.chunkP50() / empty.chunkP50(), f.chunkP99() / empty.chunkP99(),
                    cell("%.2fx", f.assemblyMs() / Math.max(1, empty.assemblyMs())),
                    f.planMs() / Math.max(1, empty.planMs()),
                    f.playableSeconds() / empty.playableSeconds(), f.listMs() / empty.listMs(),
                    f.searchMs() / empty.searchMs());
        }
    }

    /** A figure, or - where there was none (NaN). */
    private static String cell(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(format, value);
    }

    private static double last(Pattern pattern, String log) {
        Matcher matcher = pattern.matcher(log);
        double found = Double.NaN;
        while (matcher.find()) {
            found = Double.parseDouble(matcher.group(1));
        }
        return found;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
