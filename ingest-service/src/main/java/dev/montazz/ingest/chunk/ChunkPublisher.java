package dev.montazz.ingest.chunk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.montazz.contract.Topics;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.chunk.ChunkKind;
import dev.montazz.contract.chunk.StoreReply;
import dev.montazz.ingest.IngestProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes a chunk and returns only once the broker acknowledged it (acks=all) and merge-service confirmed that it
 * stored it. The browser sends its next chunk only after that, so nothing acknowledged can be lost.
 */
@Component
class ChunkPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChunkPublisher.class);
    private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaTemplate<String, byte[]> template;
    private final ChunkReceipts receipts;
    private final MessageListenerContainer receiptsContainer;
    private final IngestProperties properties;
    private final JsonMapper json;

    ChunkPublisher(KafkaTemplate<String, byte[]> chunkTemplate, ChunkReceipts receipts,
            MessageListenerContainer receiptsContainer, IngestProperties properties, JsonMapper json) {
        this.template = chunkTemplate;
        this.receipts = receipts;
        this.receiptsContainer = receiptsContainer;
        this.properties = properties;
        this.json = json;
    }

    /**
     * Starts hearing receipts, and returns only once the receipts consumer owns its partition: before the service
     * reports ready, so the first chunk's receipt is never missed. Again whenever the application is started again
     * (a context a test suite pauses and resumes), which a container started by hand once would not be.
     */
    @Override
    public void start() {
        receiptsContainer.start();
        long deadline = System.nanoTime() + ASSIGNMENT_TIMEOUT.toNanos();
        try {
            while (!receiptsAssigned()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The receipts topic was not assigned within "
                            + ASSIGNMENT_TIMEOUT);
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the receipts topic", e);
        }
    }

    @Override
    public void stop() {
        receiptsContainer.stop();
    }

    @Override
    public boolean isRunning() {
        return receiptsContainer.isRunning();
    }

    private boolean receiptsAssigned() {
        var assigned = receiptsContainer.getAssignedPartitions();
        return assigned != null && !assigned.isEmpty();
    }

    /** Publishes the chunk and waits, within the receipt timeout in all, for the broker and then merge-service. */
    ChunkReceipt publish(Chunk chunk) {
        return publish(chunk, new ChunkTimings());
    }

    /** As {@link #publish(Chunk)}, marking the broker's acknowledgement and merge's receipt in {@code timings}. */
    ChunkReceipt publish(Chunk chunk, ChunkTimings timings) {
        String correlationId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.CHUNKS, chunk.montageId(), chunk.data());
        Headers headers = record.headers();
        header(headers, ChunkHeaders.MONTAGE, chunk.montageId());
        header(headers, ChunkHeaders.TAKE, chunk.takeId());
        header(headers, ChunkHeaders.SEQUENCE, String.valueOf(chunk.sequence()));
        header(headers, ChunkHeaders.LAST, String.valueOf(chunk.last()));
        header(headers, ChunkHeaders.CONTRIBUTOR_ID, chunk.contributorId());
        header(headers, ChunkHeaders.CONTRIBUTOR, chunk.contributor());
        header(headers, ChunkHeaders.CAPTURED_AT, String.valueOf(chunk.capturedAt().toEpochMilli()));
        if (chunk.container() != null) {
            header(headers, ChunkHeaders.CONTAINER, chunk.container().wireName());
        }
        if (chunk.kind() != ChunkKind.TAKE) {
            header(headers, ChunkHeaders.KIND, chunk.kind().wireName());
        }
        if (chunk.fileName() != null) {
            header(headers, ChunkHeaders.FILE_NAME, chunk.fileName());
        }
        if (chunk.longest() != null) {
            header(headers, ChunkHeaders.LONGEST_SECONDS, String.valueOf(chunk.longest().toSeconds()));
        }
        header(headers, KafkaHeaders.REPLY_TOPIC, Topics.CHUNK_RECEIPTS);
        header(headers, KafkaHeaders.CORRELATION_ID, correlationId);
        long deadline = System.nanoTime() + properties.receiptTimeout().toNanos();
        CompletableFuture<ConsumerRecord<String, byte[]>> receipt = receipts.expect(correlationId);
        try {
            SendResult<String, byte[]> sent = template.send(record).get(left(deadline), TimeUnit.NANOSECONDS);
            timings.done(ChunkTimings.Step.BROKER);
            ConsumerRecord<String, byte[]> reply = receipt.get(left(deadline), TimeUnit.NANOSECONDS);
            timings.done(ChunkTimings.Step.STORED);
            StoreReply stored = json.readValue(reply.value(), StoreReply.class);
            if (stored.status() == StoreReply.Status.REJECTED) {
                throw new ChunkRejected(stored.reason());
            }
            if (stored.status() == StoreReply.Status.UNREADABLE) {
                throw new UploadUnreadable(stored.reason());
            }
            log.debug("Chunk {}/{}#{} stored at {}", chunk.montageId(), chunk.takeId(), chunk.sequence(),
                    sent.getRecordMetadata());
            return new ChunkReceipt(chunk.montageId(), chunk.takeId(), chunk.sequence(), stored.partition(),
                    stored.offset(), stored.status() == StoreReply.Status.DUPLICATE);
        } catch (TimeoutException e) {
            throw unavailable(chunk, "storage did not confirm it in time", "no receipt within the timeout", e);
        } catch (ExecutionException e) {
            throw unavailable(chunk, "the message broker did not take it", e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(chunk, "the service is stopping", "interrupted", e);
        } finally {
            receipts.forget(correlationId);
        }
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** {@code why} is for the person (no broker internals), {@code detail} for the log. */
    private static StorageUnavailable unavailable(Chunk chunk, String why, String detail, Exception cause) {
        log.warn("Chunk {}/{}#{} not confirmed: {}", chunk.montageId(), chunk.takeId(), chunk.sequence(), detail);
        return new StorageUnavailable(why, cause);
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
