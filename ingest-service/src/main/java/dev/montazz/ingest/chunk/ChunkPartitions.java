package dev.montazz.ingest.chunk;

import java.util.Optional;

import dev.montazz.contract.Topics;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The chunk topic's partition count is fixed once the topic exists. A montage's chunks are keyed by montage, and its
 * takes are ordered by their place on that one partition: with another count its next takes would land on another
 * partition, out of order with the earlier ones (and Spring's admin would add partitions without a word). So an
 * instance set to another count than the cluster has refuses to start and says what to set.
 */
final class ChunkPartitions {

    private static final Logger log = LoggerFactory.getLogger(ChunkPartitions.class);

    private ChunkPartitions() {
    }

    static void check(KafkaAdmin admin, int wanted) {
        Optional<Integer> existing = existing(admin);
        if (existing.isPresent() && existing.get() != wanted) {
            throw new IllegalStateException(Topics.CHUNKS + " has " + existing.get() + " partitions on this cluster and "
                    + wanted + " are set (montazz.kafka.partitions[" + Topics.CHUNKS + "]): a montage's takes are "
                    + "ordered by their place on one partition, so the count cannot change once the topic exists. "
                    + "Set it to " + existing.get());
        }
    }

    private static Optional<Integer> existing(KafkaAdmin admin) {
        try {
            return Optional.of(admin.describeTopics(Topics.CHUNKS).get(Topics.CHUNKS).partitions().size());
        } catch (RuntimeException e) {
            // Spring's KafkaException, around what the admin client said.
            if (causedBy(e, UnknownTopicOrPartitionException.class)) {
                return Optional.empty(); // a new cluster: the topic is made with the count set
            }
            log.warn("Could not check the partitions of {} before declaring it: {}", Topics.CHUNKS, e.toString());
            return Optional.empty();
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
