package dev.montazz.merge.chunk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.montazz.contract.chunk.ChunkHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A chunk record as merge-service reads it (the wire format is in docs/kafka-contract.md).
 *
 * @param takeId the take as merge keeps it: {@link TakeKey} of montage, contributor and the id the browser chose
 */
record IncomingChunk(String montageId, String takeId, int sequence, boolean last, String contributorId,
        String contributor, Instant capturedAt, String container, byte[] data, int partition, long offset) {

    static IncomingChunk from(ConsumerRecord<String, byte[]> record) {
        String montageId = header(record, ChunkHeaders.MONTAGE);
        String contributorId = header(record, ChunkHeaders.CONTRIBUTOR_ID);
        return new IncomingChunk(montageId, TakeKey.of(montageId, contributorId, header(record, ChunkHeaders.TAKE)),
                Integer.parseInt(header(record, ChunkHeaders.SEQUENCE)),
                Boolean.parseBoolean(header(record, ChunkHeaders.LAST)),
                contributorId, header(record, ChunkHeaders.CONTRIBUTOR),
                Instant.ofEpochMilli(Long.parseLong(header(record, ChunkHeaders.CAPTURED_AT))),
                optionalHeader(record, ChunkHeaders.CONTAINER), record.value(), record.partition(), record.offset());
    }

    String id() {
        return TakeKey.chunkId(takeId, sequence);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        String value = optionalHeader(record, name);
        if (value == null) {
            throw new IllegalArgumentException("Chunk record without header " + name);
        }
        return value;
    }

    private static String optionalHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
