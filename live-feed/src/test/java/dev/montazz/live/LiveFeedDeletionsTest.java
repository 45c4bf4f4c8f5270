package dev.montazz.live;

import static dev.montazz.live.ChunkRecords.chunk;
import static dev.montazz.live.ChunkRecords.deletion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.montazz.contract.Topics;
import dev.montazz.contract.testing.TestChunks;
import org.junit.jupiter.api.Test;

/**
 * What is live goes with what is deleted: a deleted montage's viewers are let go, a deleted account's shot on air ends
 * for everyone; and viewers never learn a contributor's account name, only their display name.
 */
class LiveFeedDeletionsTest {

    private final LiveFeed feed = new LiveFeed();
    private final List<LiveEvent> seen = new CopyOnWriteArrayList<>();

    @Test
    void aDeletedMontageEndsItsViewersStreams() {
        AtomicBoolean streamEnded = new AtomicBoolean();
        feed.watch("m1", "bob", seen::add, () -> streamEnded.set(true));
        feed.onChunk(chunk("m1", 0, false, TestChunks.webm()));
        assertThat(feed.watching("m1")).isEqualTo(1);

        feed.onMontageDeleted(deletion(Topics.MONTAGE_DELETIONS, "m1"));

        assertThat(streamEnded).isTrue();
        assertThat(feed.watching("m1")).isZero();
        assertThat(feed.montagesHeld()).isZero();
    }

    @Test
    void aDeletedAccountsShotOnAirEndsForEveryone() {
        feed.watch("m2", "bob", seen::add, () -> { });
        feed.onChunk(chunk("m2", "ann", 0, false, TestChunks.webm()));
        feed.onChunk(chunk("m2", "ann", 1, false, new byte[] {1, 2, 3}));

        feed.onAccountDeleted(deletion(Topics.ACCOUNT_DELETIONS, "annette"));
        assertThat(names()).as("another account whose name starts alike").doesNotContain("ended");
        feed.onAccountDeleted(deletion(Topics.ACCOUNT_DELETIONS, "ann"));

        await().atMost(Duration.ofSeconds(5)).until(() -> names().contains("ended"));
        feed.onChunk(chunk("m2", "ann", 2, false, new byte[] {4, 5, 6}));
        assertThat(names()).as("nothing after the end").endsWith("ended");
    }

    @Test
    void viewersKnowTheTakeByAnIdThatNamesNoAccountAndGetCaptureTimes() {
        feed.watch("m3", "bob", seen::add, () -> { });
        feed.onChunk(chunk("m3", "ann", 0, false, TestChunks.webm()));
        feed.onChunk(chunk("m3", "ann", 1, false, new byte[] {1, 2, 3}));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().filter(e -> e.name().equals("media"))
                .count() == 2);
        LiveEvent.Take take = (LiveEvent.Take) seen.stream().filter(e -> e.name().equals("take")).findFirst()
                .orElseThrow().data();
        assertThat(take.contributor()).isEqualTo("Ann");
        assertThat(take.takeId()).doesNotContain("ann").doesNotContain("take-of-m3");
        assertThat(seen.stream().filter(e -> e.name().equals("media")).map(e -> (LiveEvent.Media) e.data()))
                .allSatisfy(media -> assertThat(media.takeId()).isEqualTo(take.takeId()))
                .extracting(LiveEvent.Media::capturedAt).containsExactly(1_700_000_000_000L, 1_700_000_001_000L);
    }

    private List<String> names() {
        return seen.stream().map(LiveEvent::name).filter(name -> !name.equals("viewers")).toList();
    }
}
