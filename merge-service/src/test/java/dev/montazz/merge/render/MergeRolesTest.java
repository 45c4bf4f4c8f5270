package dev.montazz.merge.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.MergeApplication;
import dev.montazz.merge.MergeRoles;
import dev.montazz.merge.testing.IngestStandIn;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.json.JsonMapper;

/**
 * merge-service apart: a chunk store that never renders and a render worker that never stores chunks, on one broker
 * and one database. A take sent to the store becomes a film made by the worker.
 */
@EmbeddedKafka(partitions = 1, topics = MergeRolesTest.RECEIPTS)
class MergeRolesTest {

    static final String RECEIPTS = "roles.chunk-receipts";

    private static String kafka;
    private static String mongo;
    private static ConfigurableApplicationContext store;
    private static ConfigurableApplicationContext worker;

    @TempDir
    static Path dir;

    @BeforeAll
    static void apart() {
        kafka = TestInfrastructure.realKafka().orElse(EmbeddedKafkaCondition.getBroker().getBrokersAsString());
        mongo = TestInfrastructure.newMongoDatabaseUri("merge-roles");
        store = start("store", "--montazz.merge.roles.renders=false");
        worker = start("worker", "--montazz.merge.roles.chunks=false");
    }

    private static ConfigurableApplicationContext start(String name, String... roles) {
        String[] common = {"--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka,
                "--spring.mongodb.uri=" + mongo, "--management.health.mongodb.enabled=false",
                "--montazz.merge.film.width=320", "--montazz.merge.film.height=180",
                "--montazz.merge.film.title-seconds=0.5", "--montazz.merge.work-dir=" + dir.resolve(name)};
        String[] arguments = java.util.stream.Stream.concat(java.util.Arrays.stream(common),
                java.util.Arrays.stream(roles)).toArray(String[]::new);
        return new SpringApplicationBuilder(MergeApplication.class).run(arguments);
    }

    @AfterAll
    static void stop() {
        worker.close();
        store.close();
    }

    @Test
    void theStoreStoresTheWorkerRendersAndNeitherDoesTheOthersWork() throws Exception {
        assertThat(running(store, MergeRoles.CHUNK_STORE_LISTENER)).isTrue();
        assertThat(running(store, MergeRoles.RENDER_LISTENER)).as("no render in the chunk store's JVM").isFalse();
        assertThat(running(worker, MergeRoles.RENDER_LISTENER)).isTrue();
        assertThat(running(worker, MergeRoles.CHUNK_STORE_LISTENER)).isFalse();

        MongoTemplate db = store.getBean(MongoTemplate.class);
        db.insert(new Document("_id", "apart").append("title", "Made apart"), MongoCollections.MONTAGES);
        @SuppressWarnings("unchecked")
        ProducerFactory<String, byte[]> producers = store.getBean(ProducerFactory.class);
        @SuppressWarnings("unchecked")
        ConsumerFactory<String, byte[]> consumers = store.getBean(ConsumerFactory.class);
        try (IngestStandIn ingest = new IngestStandIn(producers, consumers, RECEIPTS, store.getBean(JsonMapper.class))) {
            ProducerRecord<String, byte[]> chunk = IngestStandIn.chunk("apart", "ann", "Ann", "take-apart", 0, true,
                    Files.readAllBytes(TestMedia.webm(dir, "apart", "red", 320, 240, 1.0, 440)));
            IngestStandIn.header(chunk, ChunkHeaders.CONTAINER, "webm");
            assertThat(ingest.send(chunk).get("status").asString()).isEqualTo("STORED");
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Render render = db.findById("apart", Render.class);
            return render != null && render.status() == RenderStatus.READY;
        });
        assertThat(renders(worker)).isEqualTo(1);
        assertThat(renders(store)).isZero();
    }

    @Test
    void anInstanceThatWouldDoNothingDoesNotStart() {
        assertThatThrownBy(() -> start("idle", "--montazz.merge.roles.chunks=false",
                "--montazz.merge.roles.renders=false").close())
                .hasStackTraceContaining("must store chunks, render, or both");
    }

    private static boolean running(ConfigurableApplicationContext context, String listener) {
        return context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(listener).isRunning();
    }

    private static double renders(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).get("montazz.render").timer().count();
    }
}
