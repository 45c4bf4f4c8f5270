package dev.montazz.bench;

import static dev.montazz.bench.BenchPlatform.QUICK;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The round trip of one chunk through ingest (HTTP in, Kafka with acks=all, merge stores it in MongoDB and confirms,
 * HTTP out) for one contributor, next to a bare {@code KafkaTemplate.send().get()} of the same size to the same broker.
 * Both measured in this run on this machine, in two ways: back to back (each chunk sent the moment the previous one
 * is acknowledged, as the studio catches up after a dropped connection: this gives chunks/s) and paced at one chunk
 * every {@link #PACE} (ten times the studio's pace of one 1-second chunk a second, so the chunk traffic of ten
 * montages recording at once: this is the latency a person streaming sees).
 *
 * <p>{@code -Dquick=true} (the all-benchmarks run): 256 KiB only, a quarter of the warm-up, 300 samples per way of
 * sending and no settling phase, on the shared platform: about 2.5 minutes instead of 12.
 */
class ChunkRoundTripBenchmark {

    /**
     * Chunks sent before measuring. After 200 the services' just-in-time compilers are still busy with the chunk path
     * (ingest compiled over two thousand methods in the next ten seconds) and the median round trip is 21-25 ms; after
     * 2000 it is 10-13 ms. That is about three minutes of ten studios' chunks: a server that has run for a while is in
     * that state, and one started a minute ago is not what this measures.
     */
    private static final int WARM_UP = QUICK ? 500 : 2000;
    /**
     * Per way of sending: enough for the 99th percentile to be the tenth-slowest chunk, not the third (the third with
     * {@code -Dquick}, a quick look).
     */
    private static final int SAMPLES = QUICK ? 300 : 1000;
    /**
     * Paced sending before the paced samples count: the warm-up and back-to-back chunks before them leave hundreds of
     * megabytes that the kernel writes to disk about 30 s later, and while it does, everything waits for the disk
     * more. Ten studios streaming steadily do not cause that; the figures of this settling time are printed apart.
     */
    private static final Duration SETTLING = Duration.ofSeconds(QUICK ? 0 : 45);
    private static final Duration PACE = Duration.ofMillis(100);

    /** Sends the next chunk and returns once it is acknowledged. */
    private interface Sender extends AutoCloseable {
        void sendNext() throws Exception;

        @Override
        default void close() {
        }
    }

    @Test
    void chunkRoundTripThroughIngestVersusABareKafkaSend() throws Exception {
        System.out.printf("%n%-9s %-28s %-24s %8s %8s %8s %9s%n", "size", "path", "sending", "p50 ms", "p95 ms",
                "p99 ms", "chunks/s");
        for (int size : sizes()) {
            measure(size);
        }
    }

    /** {@code -Dchunk.kib=1024} measures that size only (in KiB); otherwise both, or 256 KiB with {@code -Dquick}. */
    private static int[] sizes() {
        Integer only = Integer.getInteger("chunk.kib");
        if (only != null) {
            return new int[] {only * 1024};
        }
        return QUICK ? new int[] {256 * 1024} : new int[] {256 * 1024, 1024 * 1024};
    }

    /**
     * One size on a platform of its own (or the all-benchmarks run's, which it is the first on): when a size's take
     * ends, merge-service renders it (gigabytes of random bytes it cannot decode), and that must not run beside the
     * next size's measurements. Its montage is deleted after it, chunks and all.
     */
    private static void measure(int size) throws Exception {
        // A full run's take of 1 MiB chunks is 4.4 GB, past a person's default quota (2 GB: a 507 at chunk 2048).
        try (BenchPlatform bench = QUICK ? BenchPlatform.open() : BenchPlatform.own(
                Files.createTempDirectory("montazz-bench-"), Map.of("MONTAZZ_QUOTA", "16GB"))) {
            Platform platform = bench.platform();
            // One path at a time, each warmed up, then back to back, then paced: a floor left silent for longer than
            // its lease would pass on, so ingest's phases follow each other without a pause.
            Phases bare = measure(bareSender(platform.kafkaBootstrap(), size));
            Phases ingest = measure(ingestSender(platform, size));
            print(size, "back to back", bare.backToBack(), ingest.backToBack());
            if (!SETTLING.isZero()) {
                print(size, "every " + PACE.toMillis() + " ms, first " + SETTLING.toSeconds() + " s", bare.settling(),
                        ingest.settling());
            }
            print(size, "every " + PACE.toMillis() + " ms", bare.paced(), ingest.paced());
        }
    }

    /** Round trips in milliseconds, in the order the phases ran. */
    private record Phases(double[] backToBack, double[] settling, double[] paced) {
    }

    /** {@link #WARM_UP} chunks, {@link #SAMPLES} back to back, then {@link #SETTLING} and {@link #SAMPLES} paced. */
    private static Phases measure(Sender sender) throws Exception {
        try (sender) {
            for (int i = 0; i < WARM_UP; i++) {
                sender.sendNext();
            }
            double[] backToBack = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long start = System.nanoTime();
                sender.sendNext();
                backToBack[i] = (System.nanoTime() - start) / 1e6;
            }
            double[] paced = paced(sender, (int) (SETTLING.toMillis() / PACE.toMillis()) + SAMPLES);
            int settled = paced.length - SAMPLES;
            return new Phases(backToBack, Arrays.copyOf(paced, settled),
                    Arrays.copyOfRange(paced, settled, paced.length));
        }
    }

    /** Sends {@code count} chunks, one every {@link #PACE} (or at once when the previous one took longer). */
    private static double[] paced(Sender sender, int count) throws Exception {
        double[] millis = new double[count];
        long first = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = first + i * PACE.toNanos() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long start = System.nanoTime();
            sender.sendNext();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    /** Chunks of one take through ingest's API, each sent after the previous one was acknowledged. */
    private static Sender ingestSender(Platform platform, int size) throws Exception {
        // Someone new for each size: an access token lives for minutes, less than the whole benchmark.
        String token = BenchApi.signUp(platform);
        // One take of warm-up, back-to-back and paced chunks lasts about three minutes: longer than the default
        // longest shot (two), shorter than the longest a montage may allow (ten).
        String montage = BenchApi.createMontage(platform, token, "Benchmark " + size, 600);
        String ingest = platform.url(Service.INGEST) + "/api/montages/" + montage;
        long fence = BenchApi.takeTheFloor(platform, token, montage);
        String take = UUID.randomUUID().toString();
        byte[] chunk = new byte[size];
        new Random(size).nextBytes(chunk);
        // Ingest reads the first chunk's header (up to the track list) before acknowledging; the rest is not read.
        byte[] first = chunk.clone();
        byte[] header = webmHeader();
        System.arraycopy(header, 0, first, 0, header.length);
        AtomicInteger sequence = new AtomicInteger();
        return new Sender() {
            @Override
            public void sendNext() throws Exception {
                int next = sequence.getAndIncrement();
                HttpResponse<String> response = BenchApi.send(HttpRequest.newBuilder(URI.create(ingest + "/takes/"
                        + take + "/chunks/" + next + "?fence=" + fence))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(next == 0 ? first : chunk)), token);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }

            /**
             * Ends the turn at once rather than when the lease runs out in the middle of the next measurement (merge
             * then tries to render the random bytes, finds nothing to decode and gives up), and deletes the montage:
             * its half gigabyte of chunks has no place in a platform that goes on.
             */
            @Override
            public void close() {
                try {
                    BenchApi.send(HttpRequest.newBuilder(URI.create(ingest + "/floor/leave"))
                            .POST(HttpRequest.BodyPublishers.noBody()), token);
                    HttpResponse<String> deleted = BenchApi.send(HttpRequest.newBuilder(URI.create(
                            platform.url(Service.PORTAL) + "/api/montages/" + montage)).DELETE(), token);
                    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
                } catch (Exception e) {
                    throw new IllegalStateException("Could not give the floor back", e);
                }
            }
        };
    }

    /** A studio recording's header: a second of WebM up to its first Cluster. */
    private static byte[] webmHeader() throws Exception {
        Path dir = Files.createTempDirectory("montazz-bench-header-");
        try {
            byte[] clip = BenchApi.webcamClip(dir, 1);
            for (int at = 0; at + 4 <= clip.length; at++) {
                if (clip[at] == 0x1F && clip[at + 1] == 0x43 && clip[at + 2] == (byte) 0xB6 && clip[at + 3] == 0x75) {
                    return Arrays.copyOf(clip, at);
                }
            }
            throw new IllegalStateException("No Cluster in the recording");
        } finally {
            BenchPlatform.delete(dir);
        }
    }

    /** The reference: the same bytes, the same broker, the producer settings ingest uses, nothing else. */
    private static Sender bareSender(String bootstrap, int size) throws Exception {
        String topic = "bench-" + size;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", String.valueOf(4 * 1024 * 1024))))).all().get();
        }
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024 + 65536),
                new StringSerializer(), new ByteArraySerializer());
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(producers);
        byte[] value = new byte[size];
        new Random(size).nextBytes(value);
        return new Sender() {
            @Override
            public void sendNext() throws Exception {
                kafka.send(topic, "m", value).get();
            }

            @Override
            public void close() {
                producers.destroy();
            }
        };
    }

    private static void print(int size, String sending, double[] bare, double[] ingest) {
        row(size, "KafkaTemplate.send().get()", sending, bare);
        row(size, "ingest round trip", sending, ingest);
        System.out.printf("%-9s %-28s %-24s %7.2fx %7.2fx %7.2fx%n", kib(size), "ratio ingest / bare", sending,
                percentile(ingest, 50) / percentile(bare, 50), percentile(ingest, 95) / percentile(bare, 95),
                percentile(ingest, 99) / percentile(bare, 99));
    }

    private static void row(int size, String path, String sending, double[] millis) {
        double busy = Arrays.stream(millis).sum() / 1000;
        System.out.printf("%-9s %-28s %-24s %8.2f %8.2f %8.2f %9s%n", kib(size), path, sending, percentile(millis, 50),
                percentile(millis, 95), percentile(millis, 99),
                sending.equals("back to back") ? String.format("%.1f", millis.length / busy) : "-");
    }
    private static String kib(int size) {
        return size / 1024 + " KiB";
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
