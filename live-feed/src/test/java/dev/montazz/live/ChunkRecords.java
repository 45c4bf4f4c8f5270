package dev.montazz.live;

import java.nio.charset.StandardCharsets;

import dev.montazz.contract.Topics;
import dev.montazz.contract.chunk.ChunkHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Records of the chunk topic as ingest publishes them, captured a second apart. */
final class ChunkRecords {

    private ChunkRecords() {
    }

    /** A deletion event as the portal or auth publish it: keyed by what is deleted. */
    static ConsumerRecord<String, byte[]> deletion(String topic, String key) {
        return new ConsumerRecord<>(topic, 0, 0, key, "{}".getBytes(StandardCharsets.UTF_8));
    }

    static ConsumerRecord<String, byte[]> chunk(String montage, int sequence, boolean last, byte[] data) {
        return chunk(montage, "ann", sequence, last, data);
    }

    static ConsumerRecord<String, byte[]> chunk(String montage, String contributorId, int sequence, boolean last,
            byte[] data) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.CHUNKS, 0, sequence, montage, data);
        header(record, ChunkHeaders.MONTAGE, montage);
        header(record, ChunkHeaders.TAKE, "take-of-" + montage);
        header(record, ChunkHeaders.SEQUENCE, String.valueOf(sequence));
        header(record, ChunkHeaders.LAST, String.valueOf(last));
        header(record, ChunkHeaders.CONTRIBUTOR_ID, contributorId);
        header(record, ChunkHeaders.CAPTURED_AT, String.valueOf(1_700_000_000_000L + sequence * 1000L));
        header(record, ChunkHeaders.CONTRIBUTOR, "Ann");
        if (sequence == 0) {
            header(record, ChunkHeaders.CONTAINER, "webm");
        }
        return record;
    }

    /** A chunk of the owner's music bed, which travels the same topic. */
    static ConsumerRecord<String, byte[]> music(String montage, int sequence, boolean last, byte[] data) {
        ConsumerRecord<String, byte[]> record = chunk(montage, sequence, last, data);
        header(record, ChunkHeaders.KIND, "music");
        return record;
    }

    private static void header(ConsumerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
