package dev.montazz.merge.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.Topics;
import dev.montazz.contract.render.FilmLayout;
import dev.montazz.contract.render.FilmPiece;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.contract.render.RenderView;
import dev.montazz.contract.take.ChunkView;
import dev.montazz.contract.take.MontageTakesView;
import dev.montazz.contract.take.TakeView;
import dev.montazz.contract.testing.EventContract;
import dev.montazz.contract.usage.UsageView;
import dev.montazz.merge.MergeOnRealInfrastructure;
import dev.montazz.merge.media.FilmFacts;
import dev.montazz.merge.chunk.StoredChunk;
import dev.montazz.merge.take.TakeRegistry;
import dev.montazz.merge.usage.StorageUsage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * merge-service's side of the contract, with its real mapper and writers: the events it sends and reads are the
 * documented ones, and what it writes in its collections is what the portal, ingest and auth read through the
 * contract's read models.
 */
class MergeContractTest extends MergeOnRealInfrastructure {

    @Autowired
    private JsonMapper json;

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private Renders renders;

    @Autowired
    private TakeRegistry takes;

    @Autowired
    private StorageUsage usage;

    @Test
    void sendsRenderProgressRenderRequestsAndReceiptsAsDocumented() {
        EventContract.assertProducerWrites(json, Topics.RENDER_PROGRESS);
        EventContract.assertProducerWrites(json, Topics.RENDER_REQUESTS);
        EventContract.assertProducerWrites(json, Topics.CHUNK_RECEIPTS);
        EventContract.assertProducerWrites(json, Topics.TAKES_STORED);
    }

    @Test
    void readsRenderRequestsAndDeletionsAsDocumented() {
        EventContract.assertConsumerReads(json, Topics.RENDER_REQUESTS);
        EventContract.assertConsumerReads(json, Topics.MONTAGE_DELETIONS);
        EventContract.assertConsumerReads(json, Topics.ACCOUNT_DELETIONS);
        EventContract.assertConsumerReads(json, Topics.TAKES_STORED);
    }

    @Test
    void aRenderItStoresIsReadByThePortalWithEveryFact() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        renders.ready(new Render("contract-render", "Summer", RenderStatus.READY, FilmLayout.CROSSFADE,
                new Render.Film("v1", "t1", new FilmFacts(12.5, 960, 540, "h264", "aac", 1234L),
                        List.of(new Render.Shot("contract-render/ann/take", "Ann", 2.5, 10.0, "s1", null, null)),
                        List.of("a problem"), null, List.of(new FilmPiece(GridFsBuckets.VIDEOS, "v1", 0, 234),
                                new FilmPiece(GridFsBuckets.NORMALISED, "n1", 48, 1000))),
                null, new Render.Timing(at, at, 800L)));

        RenderView read = mongo.findById("contract-render", RenderView.class, MongoCollections.RENDERS);

        assertThat(read).isEqualTo(new RenderView("contract-render", RenderStatus.READY, "v1", "t1", 12.5, 960, 540,
                1234L, "h264", "aac", List.of(new RenderView.ShotView("Ann", 2.5, 10.0, "s1")), List.of("a problem"),
                null, at, 800L, List.of(new FilmPiece(GridFsBuckets.VIDEOS, "v1", 0, 234),
                        new FilmPiece(GridFsBuckets.NORMALISED, "n1", 48, 1000))));
        assertThat(renders.find("contract-render").film().facts().durationSeconds()).isEqualTo(12.5);
        assertThat(renders.find("contract-render").timing().renderMillis()).isEqualTo(800L);
        renders.failed("contract-render", "a reason");
        assertThat(mongo.findById("contract-render", RenderView.class, MongoCollections.RENDERS).status())
                .isEqualTo(RenderStatus.FAILED);
    }

    @Test
    void rendersStoredBeforeTheContractReadAsTheLayoutTheyMeant() {
        mongo.insert(new Document("_id", "legacy-grid").append("status", "READY").append("layout", "grid"),
                MongoCollections.RENDERS);
        mongo.insert(new Document("_id", "legacy-fade").append("status", "READY")
                .append("layout", "sequence-crossfade"), MongoCollections.RENDERS);
        mongo.insert(new Document("_id", "legacy-cut").append("status", "READY").append("layout", "sequence"),
                MongoCollections.RENDERS);

        assertThat(renders.find("legacy-grid").layout()).isEqualTo(FilmLayout.GRID);
        assertThat(renders.find("legacy-fade").layout()).isEqualTo(FilmLayout.CROSSFADE);
        assertThat(renders.find("legacy-cut").layout()).isEqualTo(FilmLayout.CUT);
    }

    @Test
    void aTakeAndItsChunksAreReadAsThePortalAndAuthReadThem() {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        takes.started("m-contract", "m-contract/ann/t1", "ann", "Ann", "webm", started, 0, 7);
        takes.finished("m-contract/ann/t1", 1);
        takes.normalised("m-contract/ann/t1", 1, "n1", 4.5, "s1", List.of(), null);
        mongo.insert(new StoredChunk("m-contract/ann/t1#0", "m-contract", "m-contract/ann/t1", 0, new byte[] {1, 2},
                null, 0, 7, started));

        assertThat(mongo.findById("m-contract/ann/t1", TakeView.class, MongoCollections.TAKES)).isEqualTo(
                new TakeView("m-contract/ann/t1", "m-contract", "ann", "Ann", "webm", started, 1, 4.5, "s1", "n1", 0, 7L,
                        null));
        assertThat(mongo.findById("m-contract", MontageTakesView.class, MongoCollections.MONTAGE_TAKES))
                .as("the montage's takes, by id").isEqualTo(new MontageTakesView("m-contract",
                        List.of("m-contract/ann/t1")));
        ChunkView chunk = mongo.findById("m-contract/ann/t1#0", ChunkView.class, MongoCollections.CHUNKS);
        assertThat(chunk.takeId()).isEqualTo("m-contract/ann/t1");
        assertThat(chunk.sequence()).isZero();
        assertThat(chunk.data()).containsExactly(1, 2);
    }

    @Test
    void aPersonsUsageIsReadAsIngestReadsIt() {
        usage.stored("contract-cleo", "m1", 100);
        usage.stored("contract-cleo", "m2", 50);

        assertThat(mongo.findById("contract-cleo", UsageView.class, MongoCollections.USAGE))
                .isEqualTo(new UsageView("contract-cleo", 150, Map.of("m1", 100L, "m2", 50L)));
    }
}
