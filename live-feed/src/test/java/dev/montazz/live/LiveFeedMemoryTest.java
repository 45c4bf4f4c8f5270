package dev.montazz.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.montazz.contract.chunk.Container;
import dev.montazz.contract.testing.TestChunks;
import org.junit.jupiter.api.Test;

/** An instance keeps live state only for montages on air or watched: an ended take watched by nobody leaves nothing. */
class LiveFeedMemoryTest {

    private final LiveFeed feed = new LiveFeed();

    @Test
    void musicUploadedForAWatchedMontageIsNeverOnAir() {
        List<LiveEvent> seen = new CopyOnWriteArrayList<>();
        feed.watch("m-music", "bob", seen::add, () -> { });
        feed.onChunk(ChunkRecords.music("m-music", 0, false, new byte[] {'I', 'D', '3', 4, 0}));
        feed.onChunk(ChunkRecords.music("m-music", 1, true, new byte[] {1, 2, 3}));
        // A take would have been told at once; the viewer's own thread may still tell the audience count.
        feed.onChunk(ChunkRecords.chunk("m-music", 0, true, TestChunks.webm()));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(e -> e.name().equals("ended")));
        assertThat(seen).as("only the take that followed the music was on air")
                .filteredOn(e -> !e.name().equals("viewers")).extracting(LiveEvent::name)
                .containsExactly("take", "media", "ended");
    }

    @Test
    void whatIsNeitherOnAirNorWatchedIsLetGo() {
        for (int i = 0; i < 100; i++) {
            feed.onChunk(ChunkRecords.chunk("m" + i, 0, true, TestChunks.webm()));
        }
        assertThat(feed.montagesHeld()).as("a hundred one-chunk takes, nobody watching").isZero();

        List<LiveEvent> seen = new CopyOnWriteArrayList<>();
        LiveFeed.Watching watching = feed.watch("m-watched", "bob", seen::add, () -> { });
        feed.onChunk(ChunkRecords.chunk("m-watched", 0, false, TestChunks.webm()));
        assertThat(feed.montagesHeld()).isEqualTo(1);
        feed.onChunk(ChunkRecords.chunk("m-watched", 1, true, new byte[] {1, 2, 3}));
        assertThat(feed.montagesHeld()).as("watched, though nothing is on air").isEqualTo(1);

        watching.close();
        assertThat(feed.montagesHeld()).isZero();
    }

    @Test
    void aTakeWhoseSegmentNeverEndsIsNotHeldWholeAndCanBeJoinedAgainAtItsNextStart() {
        LiveTake take = LiveTake.begin("t", "Ann", Container.WEBM, TestChunks.webm(), 0);
        byte[] noStart = new byte[1024 * 1024];
        for (int i = 0; i < LiveTake.MAX_HELD / noStart.length + 8; i++) {
            take.next(noStart, i);
            assertThat(take.held()).as("bytes held after chunk %d", i).isLessThanOrEqualTo(LiveTake.MAX_HELD);
        }
        assertThat(take.held()).as("what could no longer be joined at a start is let go").isZero();
        assertThat(take.forNewViewer()).as("no viewer joins mid-segment").isEmpty();

        // A Cluster as MediaRecorder opens one: its ID, an unknown size, its Timecode; then picture data.
        byte[] withStart = {0x1F, 0x43, (byte) 0xB6, 0x75, 0x01, -1, -1, -1, -1, -1, -1, -1, (byte) 0xE7,
            (byte) 0x81, 0, 1, 2, 3};
        take.next(withStart, 100);
        assertThat(take.held()).as("from the new segment's start").isEqualTo(withStart.length);
        assertThat(take.forNewViewer()).extracting(LiveEvent::name).containsExactly("take", "media");
    }
}
