package dev.montazz.merge.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.take.TakeView;
import dev.montazz.merge.take.Take;
import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * Which recordings go, and when: only takes whose normalised copy is of the whole recording, made the way takes are
 * made now, and older than the time recordings are kept; their chunks a grace period after they were let go, and
 * nothing of anyone else. On the MongoDB-wire server, or the real MongoDB given by {@code MONGODB_URI}.
 */
class RecordingRetentionTest {

    private static final Duration KEEP = Duration.ofDays(7);
    private static final Duration GRACE = Duration.ofHours(1);
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private final SimpleMongoClientDatabaseFactory factory =
            new SimpleMongoClientDatabaseFactory(TestInfrastructure.newMongoDatabaseUri("merge-retention"));
    private final MongoTemplate mongo = new MongoTemplate(factory);

    @AfterEach
    void close() throws Exception {
        factory.destroy();
    }

    @Test
    void aTakeKeptAWeekInTheFilmsFormatLosesItsChunksInTwoStepsAndNothingElseDoes() {
        Instant eightDaysAgo = NOW.minus(Duration.ofDays(8));
        take("old", 2, 2, Take.NORMALISED_VERSION, eightDaysAgo, eightDaysAgo);
        take("from-before-times-were-kept", 1, 1, Take.NORMALISED_VERSION, null, eightDaysAgo);
        take("recent", 2, 2, Take.NORMALISED_VERSION, NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(1)));
        take("grown-by-a-late-chunk", 3, 2, Take.NORMALISED_VERSION, eightDaysAgo, eightDaysAgo);
        take("levelled-the-old-way", 2, 2, Take.NORMALISED_VERSION - 1, eightDaysAgo, eightDaysAgo);
        takeWithoutCopy("unusable", 2, eightDaysAgo);
        takeWithoutCopy("still-recording", null, null);
        chunks("music-upload", 2);

        RecordingRetention.Swept first = new RecordingRetention(mongo, KEEP, GRACE, at(NOW)).sweep();

        assertThat(first.released()).as("the two old whole copies are let go").isEqualTo(2);
        assertThat(first.removed()).as("nothing goes in the sweep that lets go: a render may be reading").isZero();
        assertThat(mongo.findById("old", Take.class).recordingReleased()).isTrue();
        assertThat(mongo.findById("from-before-times-were-kept", Take.class).recordingReleased()).isTrue();
        assertThat(mongo.findById("old", Take.class).needsNormalising()).as("made from its copy from now on").isFalse();
        assertThat(mongo.findById("old", TakeView.class, MongoCollections.TAKES).chunksReleasedAt())
                .as("as the portal reads it (the contract's TakeView)").isEqualTo(NOW);
        assertThat(chunkIds()).hasSize(3 + 2 + 3 + 4 + 3 + 3 + 3 + 3);

        RecordingRetention.Swept soon = new RecordingRetention(mongo, KEEP, GRACE, at(NOW.plusSeconds(60))).sweep();
        assertThat(soon.removed()).as("within the grace period").isZero();

        RecordingRetention.Swept later = new RecordingRetention(mongo, KEEP, GRACE, at(NOW.plus(GRACE).plusSeconds(60)))
                .sweep();

        assertThat(later.removed()).isEqualTo(2);
        assertThat(later.chunks()).isEqualTo(3 + 2);
        assertThat(chunkIds()).as("only the let-go takes' chunks went").noneMatch(id -> id.startsWith("old:")
                || id.startsWith("from-before-times-were-kept:")).hasSize(3 + 4 + 3 + 3 + 3 + 3);
        assertThat(mongo.findById("old", Take.class).recording().chunksRemovedAt()).isNotNull();
        assertThat(mongo.findById("old", Take.class).usable()).as("the take lives on as its copy").isTrue();
        for (String kept : List.of("recent", "grown-by-a-late-chunk", "levelled-the-old-way", "unusable",
                "still-recording")) {
            assertThat(mongo.findById(kept, Take.class).recordingReleased()).as(kept).isFalse();
        }

        RecordingRetention.Swept again = new RecordingRetention(mongo, KEEP, GRACE, at(NOW.plus(Duration.ofDays(1))))
                .sweep();
        assertThat(again).as("each take once").isEqualTo(new RecordingRetention.Swept(0, 0, 0));
    }

    @Test
    void keepingRecordingsForZeroKeepsThemForAsLongAsTheirMontage() {
        Instant aYearAgo = NOW.minus(Duration.ofDays(365));
        take("a-year-old", 2, 2, Take.NORMALISED_VERSION, aYearAgo, aYearAgo);

        RecordingRetention.Swept swept = new RecordingRetention(mongo, Duration.ZERO, GRACE, at(NOW)).sweep();

        assertThat(swept.released()).isZero();
        assertThat(mongo.findById("a-year-old", Take.class).recordingReleased()).isFalse();
        assertThat(chunkIds()).hasSize(3);
    }

    private void take(String id, int lastSequence, int normalisedSequence, int version, Instant normalisedAt,
            Instant finishedAt) {
        Document take = new Document("_id", id).append("montageId", "m1").append("contributorId", "ann")
                .append("contributor", "Ann").append("container", "webm").append("startedAt", date(finishedAt))
                .append("firstPartition", 0).append("firstOffset", 0L).append("lastSequence", lastSequence)
                .append("finishedAt", date(finishedAt)).append("normalisedId", "copy-of-" + id)
                .append("normalisedSequence", normalisedSequence).append("seconds", 3.0)
                .append("normalisedVersion", version).append("normalisedFraming", "BARS");
        if (normalisedAt != null) {
            take.append("normalisedAt", date(normalisedAt));
        }
        mongo.insert(take, MongoCollections.TAKES);
        chunks(id, lastSequence);
    }

    private void takeWithoutCopy(String id, Integer lastSequence, Instant finishedAt) {
        mongo.insert(new Document("_id", id).append("montageId", "m1").append("contributorId", "ann")
                .append("contributor", "Ann").append("container", "webm").append("firstPartition", 0)
                .append("firstOffset", 0L).append("lastSequence", lastSequence).append("finishedAt", date(finishedAt))
                .append("normalisedSequence", lastSequence).append("normalisedVersion", Take.NORMALISED_VERSION)
                .append("problems", List.of("The take by Ann has no readable picture")), MongoCollections.TAKES);
        chunks(id, lastSequence == null ? 2 : lastSequence);
    }

    private void chunks(String takeId, int lastSequence) {
        for (int sequence = 0; sequence <= lastSequence; sequence++) {
            mongo.insert(new Document("_id", TakeKey.chunkId(takeId, sequence)).append("montageId", "m1")
                    .append("takeId", takeId).append("sequence", sequence).append("data", new Binary(new byte[64])),
                    MongoCollections.CHUNKS);
        }
    }

    private List<String> chunkIds() {
        List<String> ids = new ArrayList<>();
        mongo.getCollection(MongoCollections.CHUNKS).find().forEach(chunk -> ids.add(chunk.getString("_id")));
        return ids;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
