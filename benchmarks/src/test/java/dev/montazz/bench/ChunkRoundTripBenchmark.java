package dev.montazz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

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
 * HTTP out) for one contributor sending chunk after chunk, next to a bare {@code KafkaTemplate.send().get()} of the same
 * size to the same broker. Both measured in this run on this machine.
 */
class ChunkRoundTripBenchmark {

    private static final int WARM_UP = 30;
    private static final int SAMPLES = 300;

    @Test
    void chunkRoundTripThroughIngestVersusABareKafkaSend() throws Exception {
        Path data = Files.createTempDirectory("montazz-bench-");
        try (Platform platform = Platform.start(Path.of("..").toAbsolutePath().normalize(), data, false)) {
            String token = BenchApi.signUp(platform);
            System.out.printf("%n%-10s %-22s %8s %8s %8s %10s%n", "size", "path", "p50 ms", "p95 ms", "p99 ms",
                    "chunks/s");
            for (int size : new int[] {256 * 1024, 1024 * 1024}) {
                double[] bare = bareSends(platform.kafkaBootstrap(), size);
                double[] ingest = roundTrips(platform, token, size);
                print(size, "KafkaTemplate.send()", bare);
                print(size, "ingest round trip", ingest);
                System.out.printf("%-10s %-22s %8.2fx %7.2fx %7.2fx%n", kib(size), "ratio ingest/bare",
                        percentile(ingest, 50) / percentile(bare, 50), percentile(ingest, 95) / percentile(bare, 95),
                        percentile(ingest, 99) / percentile(bare, 99));
            }
        }
    }

    /** Chunks of one take, each sent after the previous one was acknowledged, as the studio sends them. */
    private static double[] roundTrips(Platform platform, String token, int size) throws Exception {
        String montage = BenchApi.createMontage(platform, token, "Benchmark " + size);
        String ingest = platform.url(Service.INGEST) + "/api/montages/" + montage;
        long fence = BenchApi.takeTheFloor(platform, token, montage);
        String take = UUID.randomUUID().toString();
        byte[] chunk = new byte[size];
        new Random(size).nextBytes(chunk);
        System.arraycopy(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}, 0, chunk, 0, 4);
        double[] millis = new double[SAMPLES];
        for (int seq = 0; seq < WARM_UP + SAMPLES; seq++) {
            long start = System.nanoTime();
            HttpResponse<String> response = BenchApi.send(HttpRequest.newBuilder(URI.create(ingest + "/takes/" + take
                    + "/chunks/" + seq + "?fence=" + fence)).PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)), token);
            long elapsed = System.nanoTime() - start;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            if (seq >= WARM_UP) {
                millis[seq - WARM_UP] = elapsed / 1e6;
            }
        }
        // The random bytes are not a film: give the floor back without asking for a render of them.
        BenchApi.send(HttpRequest.newBuilder(URI.create(ingest + "/floor/leave"))
                .POST(HttpRequest.BodyPublishers.noBody()), token);
        return millis;
    }

    /** The reference: the same bytes, the same broker, the producer settings ingest uses, nothing else. */
    private static double[] bareSends(String bootstrap, int size) throws Exception {
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
        double[] millis = new double[SAMPLES];
        for (int i = 0; i < WARM_UP + SAMPLES; i++) {
            long start = System.nanoTime();
            kafka.send(topic, "m", value).get();
            if (i >= WARM_UP) {
                millis[i - WARM_UP] = (System.nanoTime() - start) / 1e6;
            }
        }
        producers.destroy();
        return millis;
    }

    private static void print(int size, String path, double[] millis) {
        double total = Arrays.stream(millis).sum() / 1000;
        System.out.printf("%-10s %-22s %8.2f %8.2f %8.2f %10.1f%n", kib(size), path, percentile(millis, 50),
                percentile(millis, 95), percentile(millis, 99), millis.length / total);
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
