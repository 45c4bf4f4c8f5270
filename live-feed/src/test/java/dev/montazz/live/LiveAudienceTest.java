package dev.montazz.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.montazz.contract.Topics;
import dev.montazz.contract.live.LiveAudience;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances serving live (say ingest's studio and the portal's watch page) tell each other how many watch: a
 * viewer on either is shown everyone, and a figure that is not renewed (its instance went) stops counting.
 */
class LiveAudienceTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T16:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final AtomicReference<LiveFeed> portalRef = new AtomicReference<>();
    private final AtomicReference<LiveFeed> ingestRef = new AtomicReference<>();
    /** What each announces arrives at the other as it would over Kafka: as JSON. */
    private final LiveFeed ingest = new LiveFeed(figure -> portalRef.get().heard(wire(figure)), json, clock);
    private final LiveFeed portal = new LiveFeed(figure -> ingestRef.get().heard(wire(figure)), json, clock);

    {
        portalRef.set(portal);
        ingestRef.set(ingest);
    }

    @AfterEach
    void stop() {
        ingest.close();
        portal.close();
    }

    @Test
    void everyPageShowsEveryoneWatchingWhereverTheyWatch() {
        List<Integer> studioSees = new CopyOnWriteArrayList<>();
        ingest.watch("m", "bob", event -> count(event, studioSees), () -> { });
        LiveFeed.Watching vic = portal.watch("m", "vic", event -> { }, () -> { });
        LiveFeed.Watching zoe = portal.watch("m", "zoe", event -> { }, () -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> last(studioSees) == 3);

        zoe.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> last(studioSees) == 2);

        List<Integer> pageSees = new CopyOnWriteArrayList<>();
        portal.watch("m", "wes", event -> count(event, pageSees), () -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> last(pageSees) == 3);
        assertThat(vic).isNotNull();
    }

    @Test
    void theFigureOfAnInstanceThatWentStopsCounting() {
        List<Integer> studioSees = new CopyOnWriteArrayList<>();
        ingest.watch("m", "bob", event -> count(event, studioSees), () -> { });
        portal.watch("m", "vic", event -> { }, () -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> last(studioSees) == 2);

        // The portal instance goes without a word: its figure is not renewed.
        portalRef.set(new LiveFeed());
        ingestRef.set(new LiveFeed());
        now.set(now.get().plus(Audience.FRESH).plusSeconds(1));
        ingest.renew();

        await().atMost(Duration.ofSeconds(5)).until(() -> last(studioSees) == 1);
    }

    @Test
    void anUnreadableFigureIsSkipped() {
        List<Integer> studioSees = new CopyOnWriteArrayList<>();
        ingest.watch("m", "bob", event -> count(event, studioSees), () -> { });
        ingest.onAudience(new ConsumerRecord<>(Topics.LIVE_AUDIENCE, 0, 0, "m",
                "{\"viewers\": \"many\"".getBytes(StandardCharsets.UTF_8)));
        portal.watch("m", "vic", event -> { }, () -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> last(studioSees) == 2);
    }

    private LiveAudience wire(LiveAudience figure) {
        return json.readValue(json.writeValueAsBytes(figure), LiveAudience.class);
    }

    private static void count(LiveEvent event, List<Integer> seen) {
        if (event.data() instanceof LiveEvent.Viewers viewers) {
            seen.add(viewers.count());
        }
    }

    private static int last(List<Integer> seen) {
        return seen.isEmpty() ? -1 : seen.get(seen.size() - 1);
    }
}
