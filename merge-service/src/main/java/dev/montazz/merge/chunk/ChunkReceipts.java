package dev.montazz.merge.chunk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.montazz.contract.chunk.StoreReply;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a chunk where its record asks ({@code kafka_replyTopic}, and {@code kafka_replyPartition} when given),
 * echoing its {@code kafka_correlationId}: what spring-kafka's {@code @SendTo} does with a listener's result, sent
 * here as soon as the chunk is stored, so that the person's next chunk does not wait for the bookkeeping after it.
 * Not awaited: a receipt that is lost makes ingest give the chunk up and the browser send it again, which is then
 * answered {@code DUPLICATE}.
 */
@Component
class ChunkReceipts {

    private static final Logger log = LoggerFactory.getLogger(ChunkReceipts.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    ChunkReceipts(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    void send(ConsumerRecord<String, byte[]> chunk, StoreReply reply) {
        Header topic = chunk.headers().lastHeader(KafkaHeaders.REPLY_TOPIC);
        if (topic == null) {
            log.warn("Chunk at {}-{}@{} asks for no receipt; none sent", chunk.topic(), chunk.partition(),
                    chunk.offset());
            return;
        }
        Header partition = chunk.headers().lastHeader(KafkaHeaders.REPLY_PARTITION);
        ProducerRecord<String, byte[]> receipt = new ProducerRecord<>(new String(topic.value(), StandardCharsets.UTF_8),
                partition == null ? null : ByteBuffer.wrap(partition.value()).getInt(), null,
                json.writeValueAsBytes(reply));
        Header correlation = chunk.headers().lastHeader(KafkaHeaders.CORRELATION_ID);
        if (correlation != null) {
            receipt.headers().add(KafkaHeaders.CORRELATION_ID, correlation.value());
        }
        kafka.send(receipt).whenComplete((sent, failure) -> {
            if (failure != null) {
                log.warn("The receipt of chunk {}-{}@{} was not sent: {}", chunk.topic(), chunk.partition(),
                        chunk.offset(), failure.toString());
            }
        });
    }
}
