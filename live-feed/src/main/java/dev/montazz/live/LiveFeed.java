package dev.montazz.live;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.montazz.contract.Topics;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.chunk.Container;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The live montage: each ingest instance reads the chunk stream once (a consumer group of its own, from the newest
 * record on) and fans each chunk out in memory to everyone watching that montage on this instance. Viewers never add
 * a Kafka consumer or a MongoDB read, and a slow one never slows the others (see {@link Viewer}). Who may watch is
 * the serving service's decision ({@link LiveStreams}); what is live goes when its montage or contributor is deleted.
 */
public class LiveFeed {

    /** A viewer more than this behind (about 16 s of a 1 Mbit/s shot) skips to the latest keyframe. */
    private static final int MAX_QUEUED_BYTES = 2 * 1024 * 1024;

    /** A group of this instance's own: every instance serving live needs every chunk. */
    private static final String GROUP = "${spring.application.name:montazz}-live-${random.uuid}";
    /** Live is now: a new instance has nothing to catch up on. */
    private static final String FROM_NOW = "auto.offset.reset=latest";

    private final Map<String, LiveMontage> montages = new ConcurrentHashMap<>();

    @KafkaListener(id = "live-feed", topics = Topics.CHUNKS, groupId = GROUP, properties = FROM_NOW)
    void onChunk(ConsumerRecord<String, byte[]> record) {
        String montageId = header(record, ChunkHeaders.MONTAGE);
        String takeId = header(record, ChunkHeaders.TAKE);
        String sequence = header(record, ChunkHeaders.SEQUENCE);
        if (montageId == null || takeId == null || sequence == null) {
            return;
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
        for (;;) {
            LiveMontage montage = montages.computeIfAbsent(montageId, id -> new LiveMontage());
            synchronized (montage) {
                if (montages.get(montageId) != montage) {
                    continue;   // pruned meanwhile: join the one that replaces it
                }
                Viewer viewer = new Viewer("live-" + viewerName, send, montage::now, MAX_QUEUED_BYTES, end);
                viewer.start(montage.now());
                montage.join(viewer);
                return () -> {
                    montage.leave(viewer);
                    prune(montageId, montage);
                };
            }
        }
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
        LiveMontage montage = montages.remove(montageId);
        if (montage != null) {
            montage.close();
        }
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
