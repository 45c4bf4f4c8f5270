package dev.montazz.live;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.montazz.contract.Topics;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.chunk.ChunkKind;
import dev.montazz.contract.chunk.Container;
import dev.montazz.contract.live.LiveAudience;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live montage: each ingest instance reads the chunk stream once (a consumer group of its own, from the newest
 * record on) and fans each chunk out in memory to everyone watching that montage on this instance. Viewers never add
 * a Kafka consumer or a MongoDB read, and a slow one never slows the others (see {@link Viewer}). Who may watch is
 * the serving service's decision ({@link LiveStreams}); what is live goes when its montage or contributor is deleted.
 */
public class LiveFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    /** A viewer more than this behind (about 16 s of a 1 Mbit/s shot) skips to the latest keyframe. */
    private static final int MAX_QUEUED_BYTES = 2 * 1024 * 1024;

    /** A group of this instance's own: every instance serving live needs every chunk. */
    private static final String GROUP = "${spring.application.name:montazz}-live-${random.uuid}";
    /** Live is now: a new instance has nothing to catch up on. */
    private static final String FROM_NOW = "auto.offset.reset=latest";

    private final Map<String, LiveMontage> montages = new ConcurrentHashMap<>();
    private final Audience audience;
    private final JsonMapper json;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-audience");
        thread.setDaemon(true);
        return thread;
    });

    /** A feed that tells no other instance of its viewers (one instance alone, or a test). */
    LiveFeed() {
        this(figure -> { }, JsonMapper.builder().build(), Clock.systemUTC());
    }

    /** @param announcer sends this instance's figures to the others (on {@code montazz.live-audience}) */
    public LiveFeed(Consumer<LiveAudience> announcer, JsonMapper json, Clock clock) {
        this.audience = new Audience(announcer, clock);
        this.json = json;
        long every = Audience.RENEWAL.toMillis();
        renewals.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    @KafkaListener(id = "live-feed", topics = Topics.CHUNKS, groupId = GROUP, properties = FROM_NOW)
    void onChunk(ConsumerRecord<String, byte[]> record) {
        String montageId = header(record, ChunkHeaders.MONTAGE);
        String takeId = header(record, ChunkHeaders.TAKE);
        String sequence = header(record, ChunkHeaders.SEQUENCE);
        if (montageId == null || takeId == null || sequence == null
                || ChunkKind.fromWire(header(record, ChunkHeaders.KIND)).orElse(null) != ChunkKind.TAKE) {
            return;   // music and other uploads are never on air
        }
        String key = takeKey(header(record, ChunkHeaders.CONTRIBUTOR_ID), takeId);
        boolean last = Boolean.parseBoolean(header(record, ChunkHeaders.LAST));
        LiveMontage montage = montages.computeIfAbsent(montageId, id -> new LiveMontage());
        if (record.value() == null || record.value().length == 0) {
            montage.ended(key);
        } else {
            Container container = Container.fromWire(header(record, ChunkHeaders.CONTAINER)).orElse(null);
            montage.chunk(key, header(record, ChunkHeaders.CONTRIBUTOR), container, Integer.parseInt(sequence),
                    record.value(), capturedAt(record), last);
        }
        prune(montageId, montage);
    }

    /** Another instance's figure of who watches a montage there. */
    @KafkaListener(id = "live-audience", topics = Topics.LIVE_AUDIENCE, groupId = GROUP, properties = FROM_NOW)
    void onAudience(ConsumerRecord<String, byte[]> record) {
        try {
            heard(json.readValue(record.value(), LiveAudience.class));
        } catch (JacksonException e) {
            log.warn("Skipped an unreadable live audience figure: {}", e.getOriginalMessage());
        }
    }

    void heard(LiveAudience figure) {
        if (audience.heard(figure)) {
            LiveMontage montage = montages.get(figure.montageId());
            if (montage != null) {
                montage.elsewhere(audience.elsewhere(figure.montageId()));
            }
        }
    }

    /** Renews this instance's figures while anyone watches here, and lets go of others' that were not renewed. */
    void renew() {
        try {
            montages.forEach((montageId, montage) -> {
                if (montage.watching() > 0) {
                    announce(montageId, montage);
                }
            });
            for (String montageId : audience.expire()) {
                LiveMontage montage = montages.get(montageId);
                if (montage != null) {
                    montage.elsewhere(audience.elsewhere(montageId));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not renew the live audience: {}", e.toString());
        }
    }

    private void announce(String montageId, LiveMontage montage) {
        try {
            audience.announce(montageId, montage.watching());
        } catch (RuntimeException e) {
            // Only the count others show is late; nobody's picture depends on it.
            log.warn("Could not announce the live audience of {}: {}", montageId, e.toString());
        }
    }

    /** A montage was deleted (by any portal instance): its live data goes, its viewers' streams end. */
    @KafkaListener(id = "live-montage-deletions", topics = Topics.MONTAGE_DELETIONS, groupId = GROUP,
            properties = FROM_NOW)
    void onMontageDeleted(ConsumerRecord<String, byte[]> record) {
        if (record.key() != null) {
            forget(record.key());
        }
    }

    /** An account is being deleted: whatever it has on air stops being shown at once. */
    @KafkaListener(id = "live-account-deletions", topics = Topics.ACCOUNT_DELETIONS, groupId = GROUP,
            properties = FROM_NOW)
    void onAccountDeleted(ConsumerRecord<String, byte[]> record) {
        if (record.key() != null) {
            montages.forEach((montageId, montage) -> {
                montage.endTakesOf(record.key() + "/");
                prune(montageId, montage);
            });
        }
    }

    /**
     * Starts a viewer of the montage, who is sent what is on air now and then every event as it comes; {@code send}
     * runs on the viewer's own thread; {@code end} runs when there is nothing more to watch (the montage was deleted).
     * Close the returned handle when the viewer goes.
     */
    Watching watch(String montageId, String viewerName, Consumer<LiveEvent> send, Runnable end) {
        LiveMontage montage;
        Viewer viewer;
        for (;;) {
            montage = montages.computeIfAbsent(montageId, id -> new LiveMontage());
            synchronized (montage) {
                if (montages.get(montageId) != montage) {
                    continue;   // pruned meanwhile: join the one that replaces it
                }
                viewer = new Viewer("live-" + viewerName, send, montage::now, MAX_QUEUED_BYTES, end);
                viewer.start(montage.now());
                montage.elsewhere(audience.elsewhere(montageId));
                montage.join(viewer);
                break;
            }
        }
        // Told outside the montage's lock: a send to Kafka must never hold up the chunks being fanned out.
        LiveMontage joined = montage;
        Viewer watching = viewer;
        announce(montageId, joined);
        return () -> {
            joined.leave(watching);
            announce(montageId, joined);
            prune(montageId, joined);
        };
    }

    /** A montage with nothing on air and nobody watching is let go, so the map holds only what is live. */
    private void prune(String montageId, LiveMontage montage) {
        synchronized (montage) {
            if (montage.idle()) {
                montages.remove(montageId, montage);
            }
        }
    }

    /** How many montages this instance keeps live state for. */
    int montagesHeld() {
        return montages.size();
    }

    /** How many watch the montage on this instance. */
    public int watching(String montageId) {
        LiveMontage montage = montages.get(montageId);
        return montage == null ? 0 : montage.watching();
    }

    /** The montage was deleted: its live data goes, its viewers' streams end. */
    void forget(String montageId) {
        audience.forget(montageId);
        LiveMontage montage = montages.remove(montageId);
        if (montage != null) {
            montage.close();
        }
    }

    @Override
    public void close() {
        renewals.shutdownNow();
    }

    public interface Watching extends AutoCloseable {
        @Override
        void close();
    }

    /** A take is known by its contributor and the browser's id together (another person may reuse the id). */
    private static String takeKey(String contributorId, String takeId) {
        return contributorId + "/" + takeId;
    }

    private static long capturedAt(ConsumerRecord<?, ?> record) {
        String captured = header(record, ChunkHeaders.CAPTURED_AT);
        try {
            return captured == null ? record.timestamp() : Long.parseLong(captured);
        } catch (NumberFormatException e) {
            return record.timestamp();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
