package dev.montazz.merge.chunk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * @param longest on the last chunk of a shot from a file, the montage's longest shot; {@code null} otherwise
 */
record IncomingChunk(String montageId, String takeId, int sequence, boolean last, String contributorId,
        String contributor, Instant capturedAt, String container, byte[] data, int partition, long offset,
        ChunkKind kind, String fileName, Duration longest) {

    private static final String MUSIC_PREFIX = "music.";
    private static final String FILE_PREFIX = "file.";

    static IncomingChunk from(ConsumerRecord<String, byte[]> record) {
        String montageId = header(record, ChunkHeaders.MONTAGE);
        String contributorId = header(record, ChunkHeaders.CONTRIBUTOR_ID);
        ChunkKind kind = ChunkKind.fromWire(optionalHeader(record, ChunkHeaders.KIND)).orElse(null);
        // Uploads are kept apart from takes: a '.' is in no take id, so no take can be named like an upload.
        String prefix = kind == ChunkKind.MUSIC ? MUSIC_PREFIX : kind == ChunkKind.FILE ? FILE_PREFIX : "";
        String clientId = prefix + header(record, ChunkHeaders.TAKE);
        String longest = optionalHeader(record, ChunkHeaders.LONGEST_SECONDS);
        return new IncomingChunk(montageId, TakeKey.of(montageId, contributorId, clientId),
                Integer.parseInt(header(record, ChunkHeaders.SEQUENCE)),
                Boolean.parseBoolean(header(record, ChunkHeaders.LAST)),
                contributorId, header(record, ChunkHeaders.CONTRIBUTOR),
                Instant.ofEpochMilli(Long.parseLong(header(record, ChunkHeaders.CAPTURED_AT))),
                optionalHeader(record, ChunkHeaders.CONTAINER), record.value(), record.partition(), record.offset(),
                kind, optionalHeader(record, ChunkHeaders.FILE_NAME),
                longest == null ? null : Duration.ofSeconds(Long.parseLong(longest)));
    }

    /** The upload's own id, as the browser chose it, for an upload's chunk. */
    String clientId() {
        String id = takeId.substring(takeId.lastIndexOf('/') + 1);
        int prefix = id.startsWith(MUSIC_PREFIX) ? MUSIC_PREFIX.length()
                : id.startsWith(FILE_PREFIX) ? FILE_PREFIX.length() : 0;
        return id.substring(prefix);
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
