package dev.montazz.merge;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Topics merge-service consumes and owns, and what happens to a record its listeners cannot handle. */
@Configuration(proxyBeanMethods = false)
class KafkaSetup {

    @Bean
    NewTopic renderRequestsTopic(MergeProperties properties) {
        return TopicBuilder.name(properties.renderRequestsTopic()).partitions(3).replicas(1).build();
    }

    /** Progress is only interesting while it is fresh: a day of it is plenty to catch up after a restart. */
    @Bean
    NewTopic renderProgressTopic(MergeProperties properties) {
        return TopicBuilder.name(properties.renderProgressTopic()).partitions(3).replicas(1)
                .config("retention.ms", String.valueOf(24 * 3600 * 1000L)).build();
    }

    @Bean
    NewTopic renderRequestsDeadLetters(MergeProperties properties) {
        return TopicBuilder.name(properties.renderRequestsTopic() + "-dlt").partitions(3).replicas(1).build();
    }

    /** Same partition count as portal's deletions topic (3): an announcement that cannot be acted on is kept. */
    @Bean
    NewTopic deletionsDeadLetters(MergeProperties properties) {
        return TopicBuilder.name(properties.deletionsTopic() + "-dlt").partitions(3).replicas(1).build();
    }

    /** Same partition count as auth's account deletions topic (1). */
    @Bean
    NewTopic accountDeletionsDeadLetters(MergeProperties properties) {
        return TopicBuilder.name(properties.accountDeletionsTopic() + "-dlt").partitions(1).replicas(1).build();
    }

    /** Same partition count as the chunks topic: a dead chunk keeps its partition number. */
    @Bean
    NewTopic chunksDeadLetters(MergeProperties properties) {
        return TopicBuilder.name(properties.chunksTopic() + "-dlt").partitions(properties.chunksPartitions())
                .replicas(1).config("max.message.bytes", String.valueOf(16 * 1024 * 1024)).build();
    }

    /**
     * Retries with backoff (MongoDB may be restarting), then parks the record in the topic's dead-letter topic where
     * it can be inspected and replayed; nothing is dropped silently.
     */
    @Bean
    DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new org.apache.kafka.common.TopicPartition(record.topic() + "-dlt", record.partition()));
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxElapsedTime(10_000);
        return new DefaultErrorHandler(recoverer, backOff);
    }
}
