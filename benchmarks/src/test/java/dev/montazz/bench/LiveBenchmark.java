package dev.montazz.bench;

import static dev.montazz.bench.BenchPlatform.QUICK;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.Test;

/**
 * The live montage's fan-out on the portal (the instance that serves the watch page): scripted contributors send a real
 * 1 Mbit/s WebM at the studio's pace (one 1-second chunk a second, each after the previous one's acknowledgement) while
 * 1, 10 and 100 viewers of one montage, then 100 viewers spread over 20 montages recording at once, read the live
 * streams. In every case one montage is recorded from a real Chromium studio with a clock camera (each frame carries its
 * capture time) and watched by a real Chromium watch page that reads the time back from every frame it shows: glass
 * to glass. Printed per case: glass to glass, the platform's part of it (from the recorder handing a chunk over to a
 * viewer receiving it, over every viewer), the contributors' chunk round trips (which viewers must not slow), and the
 * portal's CPU and memory; the reference is the same figures with one viewer, in the same run.
 */
class LiveBenchmark {

    /**
     * {@code -Dquick=true} (the all-benchmarks run): takes of 12 s, no 10-viewer case, the 100 viewers spread over 10
     * montages, no warm-up on the shared platform already warm: about 2 minutes instead of 6.
     */
    private static final int SECONDS = QUICK ? 12 : 30;
    private static final int STREAMS_PER_VIEWER = 8;
    private static final Pattern MEDIA = Pattern.compile("\"capturedAt\":(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void liveFanOut() throws Exception {
        Path media = Files.createTempDirectory("montazz-bench-media-");
        byte[][] chunks = slices(Files.readAllBytes(TestMedia.webm(media, "shot", "red", 640, 480, SECONDS, 440)));
        try (BenchPlatform bench = BenchPlatform.open()) {
            Platform platform = bench.platform();
            // The first watches in a browser; the others hold up to eight streams each.
            List<BenchApi.Person> viewers = new ArrayList<>();
            for (int i = 0; i < 100 / STREAMS_PER_VIEWER + 2; i++) {
                viewers.add(BenchApi.person(platform));
            }
            if (!bench.warm()) {
                run(platform, chunks, viewers, 1, 1, true);   // warms the services up; not printed
            }
            System.out.printf("%n%-22s %8s %11s %11s %13s %13s %9s %15s %15s %11s %9s%n", "case", "viewers",
                    "glass p50", "glass p95", "deliver p50", "deliver p95", "x 1 view", "chunk RTT p50",
                    "chunk RTT p95", "portal CPU", "RSS MiB");
            Result reference = run(platform, chunks, viewers, 1, 1, false);
            print("1 montage", 1, reference, reference);
            if (!QUICK) {
                print("1 montage", 10, run(platform, chunks, viewers, 1, 10, false), reference);
            }
            print("1 montage", 100, run(platform, chunks, viewers, 1, 100, false), reference);
            int live = QUICK ? 10 : 20;
            print(live + " montages live", 100, run(platform, chunks, viewers, live, 100 / live, false), reference);
        } finally {
            BenchPlatform.delete(media);
        }
    }

    private record Result(double[] glass, double[] delivered, double[] roundTrips, double cpuPercent, long rssMiB) {
    }

    /** {@code montages} contributors record a {@link #SECONDS}-second take each, watched by {@code perMontage}. */
    private Result run(Platform platform, byte[][] chunks, List<BenchApi.Person> viewers, int montages, int perMontage,
            boolean warmUp) throws Exception {
        List<String> contributors = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        BenchApi.Person camera = BenchApi.person(platform);
        for (int m = 0; m < montages; m++) {
            String token = m == 0 && !warmUp ? camera.token() : BenchApi.signUp(platform);
            String id = BenchApi.createMontage(platform, token, "Live bench " + m, 120);
            BenchApi.send(HttpRequest.newBuilder(URI.create(platform.url(Service.PORTAL) + "/api/montages/" + id))
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"visibility\":\"UNLISTED\"}")), token);
            contributors.add(token);
            ids.add(id);
        }
        Browsers browsers = warmUp ? null : Browsers.open(platform, camera, viewers.get(0), ids.get(0));
        ConcurrentLinkedQueue<Double> delivered = new ConcurrentLinkedQueue<>();
        List<InputStream> streams = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newCachedThreadPool();
        int opened = 0;
        CountDownLatch connected = new CountDownLatch(montages * perMontage - (browsers != null ? 1 : 0));
        for (int m = 0; m < montages; m++) {
            // The browser watching the first montage is one of its viewers.
            for (int v = m == 0 && browsers != null ? 1 : 0; v < perMontage; v++) {
                String token = viewers.get(1 + opened++ / STREAMS_PER_VIEWER).token();
                String url = platform.url(Service.PORTAL) + "/api/montages/" + ids.get(m) + "/live";
                pool.submit(() -> watch(url, token, delivered, streams, connected));
            }
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("viewers did not connect");
        }
        long pid = platform.pid(Service.PORTAL);
        double cpuBefore = Processes.cpuSeconds(pid);
        long started = System.nanoTime();
        List<Future<double[]>> recordings = new ArrayList<>();
        for (int m = browsers != null ? 1 : 0; m < montages; m++) {
            String token = contributors.get(m);
            String id = ids.get(m);
            recordings.add(pool.submit(() -> record(platform, token, id, chunks)));
        }
        Browsers.Shot shot = browsers == null ? new Browsers.Shot(new double[0], new double[0], new double[0])
                : browsers.record(SECONDS);
        List<Double> roundTrips = new ArrayList<>();
        for (double trip : shot.roundTrips()) {
            roundTrips.add(trip);
        }
        for (double delay : shot.delivered()) {
            delivered.add(delay);
        }
        long rss = Processes.rssMiB(pid);
        for (Future<double[]> recording : recordings) {
            for (double trip : recording.get(SECONDS * 4L, TimeUnit.SECONDS)) {
                roundTrips.add(trip);
            }
            rss = Math.max(rss, Processes.rssMiB(pid));
        }
        if (browsers != null) {
            browsers.close();
        }
        double cpu = (Processes.cpuSeconds(pid) - cpuBefore) / ((System.nanoTime() - started) / 1e9) * 100;
        Thread.sleep(500);
        synchronized (streams) {
            for (InputStream stream : streams) {
                stream.close();
            }
        }
        pool.shutdownNow();
        return new Result(shot.glass(), delivered.stream().mapToDouble(Double::doubleValue).toArray(),
                roundTrips.stream().mapToDouble(Double::doubleValue).toArray(), cpu, rss);
    }

    /** A viewer: reads the live stream, noting for each media event how long after its capture it arrived. */
    private Void watch(String url, String token, ConcurrentLinkedQueue<Double> delivered, List<InputStream> streams,
            CountDownLatch connected) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        streams.add(response.body());
        connected.countDown();
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            boolean media = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    media = line.equals("event:media");
                } else if (media && line.startsWith("data:")) {
                    Matcher captured = MEDIA.matcher(line);
                    if (captured.find()) {
                        delivered.add((double) (System.currentTimeMillis() - Long.parseLong(captured.group(1))));
                    }
                }
            }
        } catch (java.io.IOException closed) {
            // the benchmark closed the stream
        }
        return null;
    }

    /** A scripted contributor: one chunk a second, each sent once the previous one is acknowledged. */
    private double[] record(Platform platform, String token, String montage, byte[][] chunks) throws Exception {
        long fence = BenchApi.takeTheFloor(platform, token, montage);
        String take = UUID.randomUUID().toString();
        double[] trips = new double[chunks.length];
        long first = System.nanoTime();
        for (int i = 0; i < chunks.length; i++) {
            long wait = first + i * 1_000_000_000L - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
            boolean last = i == chunks.length - 1;
            long start = System.nanoTime();
            HttpResponse<String> answer = BenchApi.send(HttpRequest.newBuilder(URI.create(platform.url(Service.INGEST)
                    + "/api/montages/" + montage + "/takes/" + take + "/chunks/" + i + "?fence=" + fence + "&last="
                    + last)).header("Content-Type", "video/webm")
                    .header("X-Captured-At", String.valueOf(System.currentTimeMillis()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(chunks[i])), token);
            trips[i] = (System.nanoTime() - start) / 1e6;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("chunk " + i + ": " + answer.statusCode() + " " + answer.body());
            }
        }
        return trips;
    }

    /** The clip cut into one piece per second of it, as a recorder's time slices are (not at Cluster starts). */
    private static byte[][] slices(byte[] clip) {
        byte[][] pieces = new byte[SECONDS][];
        for (int i = 0; i < SECONDS; i++) {
            pieces[i] = Arrays.copyOfRange(clip, (int) ((long) clip.length * i / SECONDS),
                    (int) ((long) clip.length * (i + 1) / SECONDS));
        }
        return pieces;
    }

    private static void print(String name, int viewers, Result result, Result reference) {
        System.out.printf("%-22s %8d %8.0f ms %8.0f ms %10.0f ms %10.0f ms %9.2f %12.0f ms %12.0f ms %10.0f%% %9d%n",
                name, viewers, percentile(result.glass(), 50), percentile(result.glass(), 95),
                percentile(result.delivered(), 50), percentile(result.delivered(), 95),
                percentile(result.delivered(), 95) / percentile(reference.delivered(), 95),
                percentile(result.roundTrips(), 50), percentile(result.roundTrips(), 95), result.cpuPercent(),
                result.rssMiB());
    }

    private static double percentile(double[] values, int p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
