package dev.montazz.merge;

import dev.montazz.contract.TopicSpec;
import dev.montazz.contract.Topics;
import dev.montazz.security.kafka.TopicDeclarations;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Topics merge-service owns (as the contract declares them), and what happens to a record its listeners cannot handle. */
@Configuration(proxyBeanMethods = false)
class KafkaSetup {

    private final TopicDeclarations topics;

    KafkaSetup(TopicDeclarations topics) {
        this.topics = topics;
    }

    /** Dead chunks are parked whole: as large as the largest chunk ingest accepts, with room to spare. */
    private static final String DEAD_CHUNK_BYTES = String.valueOf(16 * 1024 * 1024);

    @Bean
    NewTopic renderRequestsTopic() {
        return declare(Topics.RENDER_REQUESTS_TOPIC);
    }

    @Bean
    NewTopic renderProgressTopic() {
        return declare(Topics.RENDER_PROGRESS_TOPIC);
    }

    @Bean
    NewTopic takesStoredTopic() {
        return declare(Topics.TAKES_STORED_TOPIC);
    }

    @Bean
    NewTopic renderRequestsDeadLetters() {
        return deadLetters(Topics.RENDER_REQUESTS_TOPIC).build();
    }

    @Bean
    NewTopic deletionsDeadLetters() {
        return deadLetters(Topics.MONTAGE_DELETIONS_TOPIC).build();
    }

    @Bean
    NewTopic accountDeletionsDeadLetters() {
        return deadLetters(Topics.ACCOUNT_DELETIONS_TOPIC).build();
    }

    @Bean
    NewTopic chunksDeadLetters() {
        return deadLetters(Topics.CHUNKS_TOPIC).config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, DEAD_CHUNK_BYTES).build();
    }

    private NewTopic declare(TopicSpec topic) {
        return topics.topic(topic).build();
    }

    private TopicBuilder deadLetters(TopicSpec topic) {
        return topics.deadLetters(topic);
    }

    /**
     * Retries with backoff (MongoDB may be restarting), then parks the record in the topic's dead-letter topic where
     * it can be inspected and replayed; nothing is dropped silently.
     */
    @Bean
    DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(record.topic() + Topics.DEAD_LETTER_SUFFIX, record.partition()));
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxElapsedTime(10_000);
        return new DefaultErrorHandler(recoverer, backOff);
    }
}
