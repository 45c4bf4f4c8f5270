package dev.montazz.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** A viewer who cannot keep up skips to the latest keyframe and holds up nobody: their queue is bounded. */
class ViewerTest {

    @Test
    void aViewerTooFarBehindStartsAgainFromTheLatestSegmentAndTheOfferNeverWaits() throws Exception {
        CountDownLatch slowNetwork = new CountDownLatch(1);
        List<String> sent = new CopyOnWriteArrayList<>();
        LiveEvent keyframe = new LiveEvent("media", "latest segment", 10);
        Viewer viewer = new Viewer("slow", event -> {
            try {
                slowNetwork.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(String.valueOf(event.data()));
        }, () -> List.of(new LiveEvent("take", "init", 10), keyframe), 1000, () -> { });
        viewer.start(List.of(new LiveEvent("media", "first", 10)));
        await().atMost(Duration.ofSeconds(5)).until(() -> viewer.skipped() == 0);

        // The viewer's connection is stuck; offering to it returns all the same (on the feed's thread, nothing waits).
        for (int i = 0; i < 300; i++) {
            viewer.offer(List.of(new LiveEvent("media", "chunk " + i, 100)));
        }

        assertThat(viewer.skipped()).isGreaterThan(0);
        slowNetwork.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.contains("chunk 299"));
        assertThat(sent).as("what it missed is skipped: the catch-up comes before the newest chunks")
                .doesNotContain("chunk 0").contains("init", "latest segment");
        assertThat(sent.size()).isLessThan(20);
        viewer.close();
    }
}
