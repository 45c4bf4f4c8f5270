package dev.montazz.ingest.chunk;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Hands merge-service's receipts to the chunks waiting for them, matched by correlation id. Every ingest instance
 * reads every receipt and ignores those it is not waiting for.
 * <p>
 * Done here rather than with spring-kafka's {@code ReplyingKafkaTemplate} (4.1.2), which schedules a timeout task for
 * every request and never cancels it: the task holds the whole request record, so each chunk stayed in memory for the
 * full receipt timeout after it was acknowledged (15 s of chunks, 100-300 MB at full speed), which cost long
 * garbage-collection pauses on the chunk path. Here a chunk is forgotten the moment its receipt arrives or its wait
 * ends.
 */
@Component
class ChunkReceipts implements MessageListener<String, byte[]> {

    private final Map<String, CompletableFuture<ConsumerRecord<String, byte[]>>> waiting = new ConcurrentHashMap<>();

    /** Call before sending, so a receipt cannot arrive before anyone waits for it; always {@link #forget} after. */
    CompletableFuture<ConsumerRecord<String, byte[]>> expect(String correlationId) {
        CompletableFuture<ConsumerRecord<String, byte[]>> receipt = new CompletableFuture<>();
        waiting.put(correlationId, receipt);
        return receipt;
    }

    void forget(String correlationId) {
        waiting.remove(correlationId);
    }

    /** How many chunks are waiting for their receipt right now (bounded by the requests in flight). */
    int waiting() {
        return waiting.size();
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> receipt) {
        Header correlation = receipt.headers().lastHeader(KafkaHeaders.CORRELATION_ID);
        if (correlation == null) {
            return;
        }
        CompletableFuture<ConsumerRecord<String, byte[]>> chunk =
                waiting.remove(new String(correlation.value(), StandardCharsets.UTF_8));
        if (chunk != null) {
            chunk.complete(receipt);
        }
    }
}
