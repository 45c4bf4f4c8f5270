package dev.montazz.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.montazz.contract.Topics;
import dev.montazz.ingest.IngestApplication;
import dev.montazz.stack.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A broker of its own whose chunk topic already has the contract's partitions, as a cluster with chunks on it has:
 * an ingest instance set to another count does not start, and says what to set; nothing is added to the topic.
 */
@EmbeddedKafka(partitions = 6, topics = Topics.CHUNKS)
class ChunkPartitionsTest {

    @Test
    void anotherPartitionCountThanTheClustersStopsTheStartWithWhatToSet() {
        String kafka = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        String mongo = TestInfrastructure.newMongoDatabaseUri("chunk-partitions");
        assertThatThrownBy(() -> new SpringApplicationBuilder(IngestApplication.class).run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka, "--spring.mongodb.uri=" + mongo,
                "--management.health.mongodb.enabled=false",
                "--montazz.kafka.partitions[" + Topics.CHUNKS + "]=12").close())
                .hasStackTraceContaining(Topics.CHUNKS + " has 6 partitions on this cluster and 12 are set")
                .hasStackTraceContaining("Set it to 6");
    }
}
