package dev.montazz.merge.chunk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.chunk.ChunkKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A chunk record as merge-service reads it (the wire format is in docs/kafka-contract.md).
 *
 * @param takeId the take (or upload) as merge keeps it: {@link TakeKey} of montage, contributor and the id the
 *        browser chose
 * @param kind what the chunk is part of; {@code null} for a kind this merge does not know
 * @param fileName the uploaded file's name, on an upload's last chunk
 */
record IncomingChunk(String montageId, String takeId, int sequence, boolean last, String contributorId,
        String contributor, Instant capturedAt, String container, byte[] data, int partition, long offset,
        ChunkKind kind, String fileName) {

    private static final String MUSIC_PREFIX = "music.";

    static IncomingChunk from(ConsumerRecord<String, byte[]> record) {
        String montageId = header(record, ChunkHeaders.MONTAGE);
        String contributorId = header(record, ChunkHeaders.CONTRIBUTOR_ID);
        ChunkKind kind = ChunkKind.fromWire(optionalHeader(record, ChunkHeaders.KIND)).orElse(null);
        // Uploads are kept apart from takes: a '.' is in no take id, so no take can be named like an upload.
        String clientId = (kind == ChunkKind.MUSIC ? MUSIC_PREFIX : "") + header(record, ChunkHeaders.TAKE);
        return new IncomingChunk(montageId, TakeKey.of(montageId, contributorId, clientId),
                Integer.parseInt(header(record, ChunkHeaders.SEQUENCE)),
                Boolean.parseBoolean(header(record, ChunkHeaders.LAST)),
                contributorId, header(record, ChunkHeaders.CONTRIBUTOR),
                Instant.ofEpochMilli(Long.parseLong(header(record, ChunkHeaders.CAPTURED_AT))),
                optionalHeader(record, ChunkHeaders.CONTAINER), record.value(), record.partition(), record.offset(),
                kind, optionalHeader(record, ChunkHeaders.FILE_NAME));
    }

    /** The upload's own id, as the browser chose it, for an upload's chunk. */
    String clientId() {
        String id = takeId.substring(takeId.lastIndexOf('/') + 1);
        return id.startsWith(MUSIC_PREFIX) ? id.substring(MUSIC_PREFIX.length()) : id;
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
