package dev.montazz.merge.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.montazz.contract.render.RenderStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.Topics;
import dev.montazz.merge.MergeApplication;
import dev.montazz.merge.chunk.StoredChunk;
import dev.montazz.merge.take.MontageTakes;
import dev.montazz.merge.take.Take;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two merge-service instances (two application contexts) in one consumer group share the render requests of several
 * montages ending at once: every montage is rendered, each by one of them, both do some of the work, at the same time.
 */
@EmbeddedKafka(partitions = 1)
class TwoInstancesShareTheRendersTest {

    private static final int MONTAGES = 6;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @TempDir
    static Path dir;

    @BeforeAll
    static void twoInstances() {
        String kafka = TestInfrastructure.realKafka().orElse(EmbeddedKafkaCondition.getBroker().getBrokersAsString());
        String mongo = TestInfrastructure.newMongoDatabaseUri("two-merges");
        first = start(kafka, mongo, "a");
        second = start(kafka, mongo, "b");
    }

    private static ConfigurableApplicationContext start(String kafka, String mongo, String name) {
        return new SpringApplicationBuilder(MergeApplication.class).run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka, "--spring.mongodb.uri=" + mongo,
                "--management.health.mongodb.enabled=false", "--montazz.merge.film.width=320",
                "--montazz.merge.film.height=180", "--montazz.merge.film.title-seconds=0.5",
                "--montazz.merge.work-dir=" + dir.resolve(name));
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void bothInstancesRenderAndEveryMontageIsRenderedOnce() throws Exception {
        MongoTemplate mongo = first.getBean(MongoTemplate.class);
        List<String> montages = new ArrayList<>();
        for (int i = 0; i < MONTAGES; i++) {
            String montage = "two-" + i;
            String take = "take-" + i;
            byte[] clip = Files.readAllBytes(TestMedia.webm(dir, montage, i % 2 == 0 ? "red" : "blue", 320, 240, 1.0,
                    440));
            mongo.insert(new Document("_id", montage).append("title", "Montage " + i), MongoCollections.MONTAGES);
            mongo.insert(new StoredChunk(take + ":0", montage, take, 0, clip, null, 0, i, Instant.now()));
            mongo.insert(new Take(take, montage, "ann", "Ann", "webm",
                    new Take.Recording(Instant.now(), 0, i, 0, Instant.now()), null));
            first.getBean(MontageTakes.class).added(montage, take);
            montages.add(montage);
        }
        // Both instances get some of the partitions once the group has settled.
        int partitions = Topics.RENDER_REQUESTS_TOPIC.partitions();
        await().atMost(Duration.ofSeconds(60)).until(() -> assigned(first).size() > 0 && assigned(second).size() > 0
                && assigned(first).size() + assigned(second).size() == partitions);
        List<List<Integer>> byInstance = List.of(assigned(first), assigned(second));

        @SuppressWarnings("unchecked")
        KafkaTemplate<String, byte[]> kafka = first.getBean(KafkaTemplate.class);
        JsonMapper json = first.getBean(JsonMapper.class);
        for (int i = 0; i < MONTAGES; i++) {
            byte[] request = json.writeValueAsBytes(Map.of("montageId", montages.get(i), "reason", "test",
                    "requestedAt", Instant.now().toString()));
            // Every other montage to a partition of each instance, as keys hash out over many montages.
            List<Integer> theirs = byInstance.get(i % 2);
            kafka.send(new ProducerRecord<>(Topics.RENDER_REQUESTS, theirs.get(i / 2 % theirs.size()), montages.get(i),
                    request)).get();
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> montages.stream()
                .allMatch(m -> {
                    Render render = mongo.findById(m, Render.class);
                    return render != null && render.status() == RenderStatus.READY;
                }));
        long byFirst = renders(first);
        long bySecond = renders(second);
        assertThat(byFirst).as("the first instance rendered some").isPositive();
        assertThat(bySecond).as("the second instance rendered some").isPositive();
        assertThat(byFirst + bySecond).as("each montage once").isEqualTo(MONTAGES);
        // At the same time, not one after the other: a render of each instance overlaps one of the other's.
        List<Render> done = montages.stream().map(m -> mongo.findById(m, Render.class)).toList();
        boolean together = false;
        for (int i = 0; i < MONTAGES; i += 2) {
            for (int j = 1; j < MONTAGES; j += 2) {
                together |= overlap(done.get(i), done.get(j));
            }
        }
        assertThat(together).as("both instances busy at once").isTrue();
        assertThat(mongo.getCollection("videos.files").countDocuments()).isEqualTo(MONTAGES);
    }

    private static List<Integer> assigned(ConfigurableApplicationContext context) {
        MessageListenerContainer render = context.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("render");
        return render.getAssignedPartitions() == null ? List.of()
                : render.getAssignedPartitions().stream().map(TopicPartition::partition).sorted().toList();
    }

    private static boolean overlap(Render a, Render b) {
        Instant aStart = a.timing().renderedAt().minusMillis(a.timing().renderMillis());
        Instant bStart = b.timing().renderedAt().minusMillis(b.timing().renderMillis());
        return aStart.isBefore(b.timing().renderedAt()) && bStart.isBefore(a.timing().renderedAt());
    }

    private static long renders(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).get("montazz.render").timer().count();
    }
}
