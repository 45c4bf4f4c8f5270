package dev.montazz.ingest.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.montazz.contract.MongoCollections;
import dev.montazz.ingest.IngestApplication;
import dev.montazz.security.CurrentUser;
import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** Two ingest-service instances (two application contexts) on one floor in one MongoDB never both grant it. */
@EmbeddedKafka(partitions = 1)
class TwoInstancesShareOneFloorTest {

    private static final int PEOPLE = 16;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void twoInstances() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        String kafka = TestInfrastructure.realKafka().orElse(broker.getBrokersAsString());
        String mongo = TestInfrastructure.newMongoDatabaseUri("two-instances");
        first = start(kafka, mongo);
        second = start(kafka, mongo);
        List<String> everyone = IntStream.range(0, PEOPLE).mapToObj(i -> "p" + i).toList();
        first.getBean(MongoTemplate.class).insert(new Document("_id", "shared").append("title", "Shared")
                .append("contributors", everyone), MongoCollections.MONTAGES);
    }

    private static ConfigurableApplicationContext start(String kafka, String mongo) {
        return new SpringApplicationBuilder(IngestApplication.class).run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka, "--spring.mongodb.uri=" + mongo,
                "--management.health.mongodb.enabled=false", "--montazz.floor.sweep-interval=1h");
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void concurrentJoinsAndFinishesAcrossInstancesGrantTheFloorToOnePersonAtATimeInQueueOrder() throws Exception {
        FloorService[] instances = {first.getBean(FloorService.class), second.getBean(FloorService.class)};
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<FloorView>> joins = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            CurrentUser person = person(i);
            FloorService instance = instances[i % 2];
            joins.add(() -> instance.join("shared", person));
        }
        for (Future<FloorView> joined : pool.invokeAll(joins)) {
            joined.get();
        }

        Floor floor = first.getBean(FloorStore.class).read("shared");
        Set<String> seen = new HashSet<>();
        seen.add(floor.holder().username());
        floor.queue().forEach(w -> assertThat(seen.add(w.username())).as("queued once: " + w.username()).isTrue());
        assertThat(seen).hasSize(PEOPLE);

        // Each holder finishes on one instance while the other races to sweep: the turn goes down the queue in order.
        List<String> expectedOrder = floor.queue().stream().map(Floor.Waiting::username).toList();
        long lastFence = floor.holder().fence();
        for (int turn = 0; turn < PEOPLE - 1; turn++) {
            Floor current = first.getBean(FloorStore.class).read("shared");
            CurrentUser holder = person(Integer.parseInt(current.holder().username().substring(1)));
            long fence = current.holder().fence();
            Future<?> finish = pool.submit(() -> instances[0].finish("shared", holder, fence));
            Future<?> sweep = pool.submit(instances[1]::sweep);
            Future<?> late = pool.submit(() -> instances[1].finish("shared", holder, fence));
            finish.get();
            sweep.get();
            late.get();
            Floor next = first.getBean(FloorStore.class).read("shared");
            assertThat(next.holder().username()).isEqualTo(expectedOrder.get(turn));
            assertThat(next.holder().fence()).as("a new fence for every grant").isEqualTo(lastFence + 1);
            lastFence = next.holder().fence();
        }
        pool.shutdown();
    }

    private static CurrentUser person(int i) {
        return new CurrentUser("p" + i, "Person " + i, List.of("USER"));
    }
}
