package dev.montazz.ingest.chunk;

import java.util.Map;
import java.util.UUID;

import dev.montazz.contract.Topics;
import dev.montazz.ingest.IngestProperties;
import dev.montazz.security.kafka.TopicDeclarations;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/** The chunk topics ingest-service produces to, and the receipts wiring that makes publishing synchronous. */
@Configuration(proxyBeanMethods = false)
class ChunkTopics {

    /** Room for the record headers (ids, sequence number, reply address) on top of the chunk itself. */
    static final int HEADER_ALLOWANCE = 64 * 1024;

    static int maxRecordBytes(IngestProperties properties) {
        return (int) properties.maxChunkSize().toBytes() + HEADER_ALLOWANCE;
    }

    @Bean
    NewTopic chunksTopic(IngestProperties properties, TopicDeclarations topics, KafkaAdmin admin) {
        ChunkPartitions.check(admin, topics.partitions(Topics.CHUNKS_TOPIC));
        return topics.topic(Topics.CHUNKS_TOPIC).config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(maxRecordBytes(properties))).build();
    }

    @Bean
    NewTopic receiptsTopic(TopicDeclarations topics) {
        return topics.topic(Topics.CHUNK_RECEIPTS_TOPIC).build();
    }

    /**
     * Every ingest instance reads all receipts with a group of its own and keeps those it is waiting for, so several
     * instances can share one receipts topic.
     */
    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> receiptsContainer(ConsumerFactory<String, byte[]> consumers,
            ChunkReceipts receipts) {
        ContainerProperties container = new ContainerProperties(Topics.CHUNK_RECEIPTS);
        container.setGroupId("ingest-receipts-" + UUID.randomUUID());
        container.setMessageListener(receipts);
        container.getKafkaConsumerProperties().putAll(Map.of("auto.offset.reset", "latest"));
        ConcurrentMessageListenerContainer<String, byte[]> listener =
                new ConcurrentMessageListenerContainer<>(consumers, container);
        // Started by ChunkPublisher before the service is ready, so the first receipt is never missed.
        listener.setAutoStartup(false);
        return listener;
    }

    /** Chunks go out through a template of their own, checked to carry the largest chunk allowed. */
    @Bean
    KafkaTemplate<String, byte[]> chunkTemplate(ProducerFactory<String, byte[]> producers,
            IngestProperties properties, KafkaProperties kafka) {
        String maxRequest = kafka.getProducer().getProperties().get("max.request.size");
        if (maxRequest == null || Integer.parseInt(maxRequest) < maxRecordBytes(properties)) {
            throw new IllegalStateException("spring.kafka.producer.properties.max.request.size must be at least "
                    + maxRecordBytes(properties) + " for chunks of " + properties.maxChunkSize());
        }
        return new KafkaTemplate<>(producers);
    }
}
