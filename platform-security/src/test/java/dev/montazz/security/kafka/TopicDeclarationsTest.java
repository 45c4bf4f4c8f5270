package dev.montazz.security.kafka;

import static org.assertj.core.api.Assertions.assertThat;


import dev.montazz.contract.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Topics as the contract declares them, replicated and partitioned as the cluster's settings say. */
class TopicDeclarationsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TopicsAutoConfiguration.class));

    @Test
    void onASingleBrokerTheBrokersDefaultsDecide() {
        context.run(app -> {
            NewTopic chunks = app.getBean(TopicDeclarations.class).topic(Topics.CHUNKS_TOPIC).build();
            assertThat(chunks.name()).isEqualTo(Topics.CHUNKS);
            assertThat(chunks.numPartitions()).isEqualTo(Topics.CHUNKS_TOPIC.partitions());
            assertThat(chunks.replicationFactor()).as("the broker's default.replication.factor").isEqualTo((short) -1);
            assertThat(chunks.configs()).as("no config of its own").isNull();
        });
    }

    @Test
    void onAClusterEveryTopicAndItsDeadLettersAreReplicatedAsSet() {
        context.withPropertyValues("montazz.kafka.replication-factor=3", "montazz.kafka.min-insync-replicas=2",
                "montazz.kafka.partitions[montazz.render-requests]=24").run(app -> {
                    TopicDeclarations topics = app.getBean(TopicDeclarations.class);
                    NewTopic renders = topics.topic(Topics.RENDER_REQUESTS_TOPIC).build();
                    NewTopic parked = topics.deadLetters(Topics.RENDER_REQUESTS_TOPIC).build();
                    NewTopic progress = topics.topic(Topics.RENDER_PROGRESS_TOPIC).build();
                    for (NewTopic topic : new NewTopic[] {renders, parked, progress}) {
                        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
                        assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
                    }
                    assertThat(renders.numPartitions()).isEqualTo(24);
                    assertThat(parked.numPartitions()).as("a parked record keeps its partition").isEqualTo(24);
                    assertThat(progress.numPartitions()).isEqualTo(Topics.RENDER_PROGRESS_TOPIC.partitions());
                    assertThat(progress.configs()).containsEntry("retention.ms",
                            String.valueOf(Topics.RENDER_PROGRESS_TOPIC.retention().toMillis()));
                });
    }

    @Test
    void aSettingThatMakesNoSenseStopsTheStart() {
        context.withPropertyValues("montazz.kafka.replication-factor=0").run(app ->
                assertThat(app).hasFailed());
        context.withPropertyValues("montazz.kafka.partitions[montazz.chunks]=0").run(app ->
                assertThat(app).hasFailed());
    }

}
