package dev.montazz.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.montazz.contract.Topics;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.ingest.testing.TestChunks;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** An instance keeps live state only for montages on air or watched: an ended take watched by nobody leaves nothing. */
class LiveFeedMemoryTest {

    private final LiveFeed feed = new LiveFeed();

    @Test
    void whatIsNeitherOnAirNorWatchedIsLetGo() {
        for (int i = 0; i < 100; i++) {
            feed.onChunk(chunk("m" + i, 0, true, TestChunks.webm()));
        }
        assertThat(feed.montagesHeld()).as("a hundred one-chunk takes, nobody watching").isZero();

        List<LiveEvent> seen = new CopyOnWriteArrayList<>();
        LiveFeed.Watching watching = feed.watch("m-watched", "bob", seen::add);
        feed.onChunk(chunk("m-watched", 0, false, TestChunks.webm()));
        assertThat(feed.montagesHeld()).isEqualTo(1);
        feed.onChunk(chunk("m-watched", 1, true, new byte[] {1, 2, 3}));
        assertThat(feed.montagesHeld()).as("watched, though nothing is on air").isEqualTo(1);

        watching.close();
        assertThat(feed.montagesHeld()).isZero();
    }

    private static ConsumerRecord<String, byte[]> chunk(String montage, int sequence, boolean last, byte[] data) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.CHUNKS, 0, sequence, montage, data);
        header(record, ChunkHeaders.MONTAGE, montage);
        header(record, ChunkHeaders.TAKE, "take-of-" + montage);
        header(record, ChunkHeaders.SEQUENCE, String.valueOf(sequence));
        header(record, ChunkHeaders.LAST, String.valueOf(last));
        header(record, ChunkHeaders.CONTRIBUTOR_ID, "ann");
        header(record, ChunkHeaders.CONTRIBUTOR, "Ann");
        if (sequence == 0) {
            header(record, ChunkHeaders.CONTAINER, "webm");
        }
        return record;
    }

    private static void header(ConsumerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
