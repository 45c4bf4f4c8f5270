package dev.montazz.merge.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.montazz.contract.Topics;
import dev.montazz.contract.chunk.ChunkHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays ingest-service on a real broker: sends chunk records with the headers ingest sends (docs/kafka-contract.md) and
 * waits for merge's reply on a receipts topic of its own.
 */
public final class IngestStandIn implements AutoCloseable {

    private final ReplyingKafkaTemplate<String, byte[], byte[]> template;
    private final JsonMapper json;

    public IngestStandIn(ProducerFactory<String, byte[]> producers, ConsumerFactory<String, byte[]> consumers,
            String receiptsTopic, JsonMapper json) throws InterruptedException {
        this.json = json;
        ContainerProperties replies = new ContainerProperties(receiptsTopic);
        replies.setGroupId("test-" + UUID.randomUUID());
        template = new ReplyingKafkaTemplate<>(producers, new ConcurrentMessageListenerContainer<>(consumers, replies));
        template.setDefaultReplyTimeout(Duration.ofSeconds(30));
        template.start();
        if (!template.waitForAssignment(Duration.ofSeconds(30))) {
            throw new IllegalStateException("The receipts topic was not assigned");
        }
    }

    /** A chunk record as ingest publishes it, without a kind (a take, as before kinds). */
    public static ProducerRecord<String, byte[]> chunk(String montage, String username, String name, String take,
            int seq, boolean last, byte[] data) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CHUNKS, montage, data);
        header(record, ChunkHeaders.MONTAGE, montage);
        header(record, ChunkHeaders.TAKE, take);
        header(record, ChunkHeaders.SEQUENCE, String.valueOf(seq));
        header(record, ChunkHeaders.LAST, String.valueOf(last));
        header(record, ChunkHeaders.CONTRIBUTOR_ID, username);
        header(record, ChunkHeaders.CONTRIBUTOR, name);
        header(record, ChunkHeaders.CAPTURED_AT, String.valueOf(System.currentTimeMillis()));
        return record;
    }

    /** Sends the record and returns merge's reply. */
    public JsonNode send(ProducerRecord<String, byte[]> record) throws Exception {
        ConsumerRecord<String, byte[]> reply = template.sendAndReceive(record).get(30, TimeUnit.SECONDS);
        return json.readTree(reply.value());
    }

    public static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        template.stop();
    }
}
