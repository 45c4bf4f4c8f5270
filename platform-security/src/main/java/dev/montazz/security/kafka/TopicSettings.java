package dev.montazz.security.kafka;

import java.util.Map;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the platform's topics are made on the cluster it runs on. A single broker needs nothing here; a cluster sets
 * replication so that losing a broker loses no acknowledged record.
 *
 * @param replicationFactor copies of every partition; {@code null} for the broker's {@code default.replication.factor}
 * @param minInsyncReplicas copies that must have a record before a producer asking for all of them (every Montazz
 *        producer) is told it is written; {@code null} for the broker's {@code min.insync.replicas}
 * @param partitions partitions by topic name, where the contract's count does not fit the cluster; the chunk topic's
 *        count must be set before the first chunk (a montage's chunks are ordered by their place on one partition),
 *        the others may grow later
 */
@Validated
@ConfigurationProperties("montazz.kafka")
public record TopicSettings(@Min(1) Short replicationFactor, @Min(1) Integer minInsyncReplicas,
        Map<String, @Min(1) Integer> partitions) {

    public TopicSettings {
        partitions = partitions == null ? Map.of() : Map.copyOf(partitions);
    }
}
