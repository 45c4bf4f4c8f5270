package dev.montazz.security.kafka;

import dev.montazz.contract.TopicSpec;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Every service declares the topics it owns through this, so all of them are made alike: the contract's name,
 * partitions and retention, the cluster's replication ({@link TopicSettings}).
 */
public final class TopicDeclarations {

    private final TopicSettings settings;

    public TopicDeclarations(TopicSettings settings) {
        this.settings = settings;
    }

    /** The topic as the contract declares it, replicated as the cluster wants; add configs before building. */
    public TopicBuilder topic(TopicSpec topic) {
        TopicBuilder builder = replicated(TopicBuilder.name(topic.name()).partitions(partitions(topic)));
        if (topic.retention() != null) {
            builder.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topic.retention().toMillis()));
        }
        return builder;
    }

    /** The topic's dead-letter topic: as many partitions as the topic, so a parked record keeps its number. */
    public TopicBuilder deadLetters(TopicSpec topic) {
        return replicated(TopicBuilder.name(topic.deadLetters()).partitions(partitions(topic)));
    }

    /** How many partitions the topic has on this cluster. */
    public int partitions(TopicSpec topic) {
        return settings.partitions().getOrDefault(topic.name(), topic.partitions());
    }

    private TopicBuilder replicated(TopicBuilder builder) {
        if (settings.replicationFactor() != null) {
            builder.replicas(settings.replicationFactor());
        }
        if (settings.minInsyncReplicas() != null) {
            builder.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(settings.minInsyncReplicas()));
        }
        return builder;
    }
}
