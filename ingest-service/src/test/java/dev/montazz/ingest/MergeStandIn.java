package dev.montazz.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.montazz.contract.Topics;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.chunk.StoreReply;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.messaging.handler.annotation.SendTo;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays merge-service in ingest's tests: reads the real chunks topic, keeps what it stored in memory and replies the
 * way merge does (docs/kafka-contract.md), so ingest's request/reply round trip is real.
 */
public class MergeStandIn {

    /** Takes whose id starts with this are stored but never confirmed, as when merge-service is down. */
    public static final String SILENT = "unconfirmed-";
    /** Uploads whose id starts with this are, read whole, not what they claim to be: their last part is answered so. */
    public static final String UNREADABLE = "unreadable-";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, List<ConsumerRecord<String, byte[]>>> byTake = new ConcurrentHashMap<>();
    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();

    @KafkaListener(id = "merge-stand-in", topics = Topics.CHUNKS, containerFactory = "standInFactory",
            properties = "auto.offset.reset=earliest")
    @SendTo
    byte[] store(ConsumerRecord<String, byte[]> record) {
        String take = header(record, ChunkHeaders.TAKE);
        if (record.value().length == 0) {
            // An end marker, which merge keeps apart from the chunks (the take ends before its number).
            byTake.computeIfAbsent(take, t -> new CopyOnWriteArrayList<>()).add(record);
            return take.startsWith(SILENT) ? null
                    : reply(new StoreReply(StoreReply.Status.STORED, record.partition(), record.offset(), null));
        }
        String id = take + ":" + header(record, ChunkHeaders.SEQUENCE);
        byte[] before = stored.putIfAbsent(id, record.value());
        if (before != null && !java.util.Arrays.equals(before, record.value())) {
            return reply(new StoreReply(StoreReply.Status.REJECTED, 0, 0, "Chunk "
                    + header(record, ChunkHeaders.SEQUENCE) + " of this take was already stored with other bytes"));
        }
        if (before != null) {
            long original = records(take).stream().filter(r -> id.equals(take + ":" + header(r, ChunkHeaders.SEQUENCE)))
                    .findFirst().orElseThrow().offset();
            return reply(new StoreReply(StoreReply.Status.DUPLICATE, record.partition(), original, null));
        }
        byTake.computeIfAbsent(take, t -> new CopyOnWriteArrayList<>()).add(record);
        if (take.startsWith(SILENT)) {
            return null;
        }
        if (take.startsWith(UNREADABLE) && Boolean.parseBoolean(header(record, ChunkHeaders.LAST))) {
            return reply(new StoreReply(StoreReply.Status.UNREADABLE, record.partition(), record.offset(),
                    "This file holds a video: upload music alone"));
        }
        return reply(new StoreReply(StoreReply.Status.STORED, record.partition(), record.offset(), null));
    }

    /** What reached "merge" for a take, in order, end markers included. */
    public List<ConsumerRecord<String, byte[]>> records(String take) {
        return byTake.getOrDefault(take, List.of());
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] reply(StoreReply reply) {
        return JSON.writeValueAsBytes(reply);
    }

    @TestConfiguration
    public static class Config {

        @Bean
        MergeStandIn mergeStandIn() {
            return new MergeStandIn();
        }

        /** A reply-capable factory of its own: ingest's chunk template makes Boot's KafkaTemplate back off. */
        @Bean
        ConcurrentKafkaListenerContainerFactory<String, byte[]> standInFactory(ConsumerFactory<String, byte[]> consumers,
                ProducerFactory<String, byte[]> producers) {
            ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
                    new ConcurrentKafkaListenerContainerFactory<>();
            factory.setConsumerFactory(consumers);
            factory.setReplyTemplate(new KafkaTemplate<>(producers));
            return factory;
        }
    }
}
