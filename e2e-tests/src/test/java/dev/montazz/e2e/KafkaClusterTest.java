package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.Topics;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform on a three-broker KRaft cluster, every topic on three brokers with two needed for a write. Mid-shot,
 * the broker leading the montage's chunk partition goes. The contributor sees at most retryable refusals (503, sent
 * again as the studio does), no acknowledged chunk is lost or stored twice, and the film is whole.
 */
class KafkaClusterTest {

    private static final int CHUNKS = 12;
    private static final double SECONDS = 6.0;

    private static Platform platform;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.start(Path.of("..").toAbsolutePath().normalize(),
                Files.createTempDirectory("montazz-cluster-"), false, Platform.Jvm.QUICK_START, 3);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aBrokerGoesMidShotAndNothingAcknowledgedIsLostOrDoubled() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        String montage = Api.createMontage(platform, ann, "On three brokers");
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, "ann", "red", 320, 240, SECONDS, 440));
        long fence = Api.takeTheFloor(platform, ann, montage);
        String take = UUID.randomUUID().toString();
        int size = (clip.length + CHUNKS - 1) / CHUNKS;

        int retried = 0;
        int stopped = -1;
        int partition = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap()))) {
            TopicDescription chunks = admin.describeTopics(List.of(Topics.CHUNKS)).allTopicNames().get()
                    .get(Topics.CHUNKS);
            assertThat(chunks.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CHUNKS);
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("min.insync.replicas").value())
                    .isEqualTo("2");

            for (int seq = 0; seq < CHUNKS; seq++) {
                if (seq == CHUNKS / 2) {
                    partition = Utils.toPositive(Utils.murmur2(montage.getBytes(StandardCharsets.UTF_8)))
                            % chunks.partitions().size();
                    stopped = leaderOf(admin, partition).leader().id();
                    platform.kafka().orElseThrow().stop(stopped);
                }
                retried += send(ann, montage, take, seq, fence,
                        Arrays.copyOfRange(clip, seq * size, Math.min(clip.length, (seq + 1) * size)));
            }
            TopicPartitionInfo after = leaderOf(admin, partition);
            assertThat(after.leader().id()).as("another broker leads the montage's partition").isNotEqualTo(stopped);
            assertThat(after.isr()).as("the stopped broker is out of the in-sync replicas").hasSize(2);
        }
        Api.finishTurn(platform, ann, montage, fence);

        var ready = Api.awaitReady(platform, ann, montage, Duration.ofSeconds(120));
        assertThat(ready.at("/render/shots").size()).isEqualTo(1);
        assertThat(ready.at("/render/shots/0/durationSeconds").asDouble()).as("every chunk is in the shot")
                .isCloseTo(SECONDS, within(0.5));
        try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
            String database = platform.mongoUri().replaceAll(".*/([^/?]+).*", "$1");
            assertThat(mongo.getDatabase(database).getCollection(MongoCollections.CHUNKS)
                    .countDocuments(Filters.eq("montageId", montage))).as("each chunk stored once").isEqualTo(CHUNKS);
        }
        System.out.printf("A broker went mid-shot: %d chunk(s) sent again after a retryable refusal%n", retried);
    }

    private static TopicPartitionInfo leaderOf(Admin admin, int partition) throws Exception {
        return admin.describeTopics(List.of(Topics.CHUNKS)).allTopicNames().get().get(Topics.CHUNKS).partitions()
                .get(partition);
    }

    /** Sends a chunk as the studio does: again after a retryable refusal (503), never after any other. */
    private static int send(Person person, String montage, String take, int seq, long fence, byte[] data)
            throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> answer = Api.putChunk(platform, person, montage, take, seq, seq == CHUNKS - 1, fence,
                    data);
            if (answer.statusCode() == 200) {
                return attempt;
            }
            assertThat(answer.statusCode()).as("chunk %d: %s", seq, answer.body()).isEqualTo(503);
            Thread.sleep(1000);
        }
        throw new AssertionError("Chunk " + seq + " was refused twenty times");
    }
}
