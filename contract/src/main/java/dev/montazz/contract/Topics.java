package dev.montazz.contract;

import java.time.Duration;
import java.util.List;

/**
 * Every topic between the services. Names are constants so listeners can name them in annotations; {@link #ALL} says
 * who declares each and how. Keys are UTF-8 strings; values are the chunk's bytes or UTF-8 JSON of the records in the
 * subpackages.
 */
public final class Topics {

    /** Raw chunks, keyed by montage id so one montage's chunks stay in order on one partition. Headers: {@code chunk.ChunkHeaders}. */
    public static final String CHUNKS = "montazz.chunks";
    /** merge-service's {@code chunk.StoreReply} to each chunk, back to the ingest instance that sent it. */
    public static final String CHUNK_RECEIPTS = "montazz.chunk-receipts";
    /** {@code render.RenderRequest}, keyed by montage id. */
    public static final String RENDER_REQUESTS = "montazz.render-requests";
    /** {@code render.RenderProgress}, keyed by montage id; news, not a record. */
    public static final String RENDER_PROGRESS = "montazz.render-progress";
    /** {@code take.TakeStored}, keyed by montage id: how far a take being recorded is stored; news, not a record. */
    public static final String TAKES_STORED = "montazz.takes-stored";
    /** {@code montage.MontageDeleted}, keyed by montage id. */
    public static final String MONTAGE_DELETIONS = "montazz.montage-deletions";
    /** {@code account.AccountDeleted}, keyed by user name. */
    public static final String ACCOUNT_DELETIONS = "montazz.account-deletions";

    /** {@code live.LiveAudience}, keyed by montage id: who watches live where. */
    public static final String LIVE_AUDIENCE = "montazz.live-audience";

    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private static final Duration DAY = Duration.ofDays(1);

    public static final TopicSpec CHUNKS_TOPIC = new TopicSpec(CHUNKS, Service.INGEST, 6, null);
    /** One partition: every ingest instance reads all of it and keeps only the receipts it waits for. */
    public static final TopicSpec CHUNK_RECEIPTS_TOPIC = new TopicSpec(CHUNK_RECEIPTS, Service.INGEST, 1, null);
    /** As many partitions as renders may run at once over all merge instances (one per partition and instance thread). */
    public static final TopicSpec RENDER_REQUESTS_TOPIC = new TopicSpec(RENDER_REQUESTS, Service.MERGE, 12, null);
    /** Progress is only interesting while it is fresh: a day of it is plenty to catch up after a restart. */
    public static final TopicSpec RENDER_PROGRESS_TOPIC = new TopicSpec(RENDER_PROGRESS, Service.MERGE, 3, DAY);
    /** As the chunks: one montage's news in order; only fresh news is of use, so a day is plenty. */
    public static final TopicSpec TAKES_STORED_TOPIC = new TopicSpec(TAKES_STORED, Service.MERGE, 6, DAY);
    public static final TopicSpec MONTAGE_DELETIONS_TOPIC = new TopicSpec(MONTAGE_DELETIONS, Service.PORTAL, 3, null);
    /**
     * One partition, so every instance reads all deletions in order; a day, so a service that starts later still
     * learns whose tokens to refuse until they expire.
     */
    public static final TopicSpec ACCOUNT_DELETIONS_TOPIC = new TopicSpec(ACCOUNT_DELETIONS, Service.AUTH, 1, DAY);

    /**
     * One partition, so every instance serving live reads all of it; a day is far more than the half minute a figure
     * counts. Declared by ingest and, with the same settings, by the portal (both run the live-feed module), so
     * neither has to start first.
     */
    public static final TopicSpec LIVE_AUDIENCE_TOPIC = new TopicSpec(LIVE_AUDIENCE, Service.INGEST, 1, DAY);

    public static final List<TopicSpec> ALL = List.of(CHUNKS_TOPIC, CHUNK_RECEIPTS_TOPIC, RENDER_REQUESTS_TOPIC,
            RENDER_PROGRESS_TOPIC, TAKES_STORED_TOPIC, MONTAGE_DELETIONS_TOPIC, ACCOUNT_DELETIONS_TOPIC, LIVE_AUDIENCE_TOPIC);

    private Topics() {
    }
}
