package dev.montazz.merge.take;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.montage.FilmEdit;
import dev.montazz.contract.montage.Framing;
import dev.montazz.security.store.Lookups;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Keeps track of takes as their chunks arrive; every update is an idempotent upsert. */
@Component
public class TakeRegistry {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final MontageTakes montageTakes;

    TakeRegistry(MongoTemplate mongo, Clock clock, MontageTakes montageTakes) {
        this.mongo = mongo;
        this.clock = clock;
        this.montageTakes = montageTakes;
    }

    public void started(String montageId, String takeId, String contributorId, String contributor, String container,
            Instant startedAt, int partition, long offset) {
        Update update = new Update().setOnInsert("montageId", montageId).setOnInsert("contributorId", contributorId)
                .setOnInsert("contributor", contributor)
                .setOnInsert("container", container).setOnInsert("startedAt", startedAt)
                .setOnInsert("firstPartition", partition).setOnInsert("firstOffset", offset);
        mongo.upsert(byId(takeId), update, Take.class);
        montageTakes.added(montageId, takeId);
    }

    /** Never shortens a take: a late end marker cannot cut off chunks already known to follow. */
    public void finished(String takeId, int lastSequence) {
        mongo.upsert(byId(takeId), new Update().max("lastSequence", lastSequence).set("finishedAt", clock.instant()),
                Take.class);
    }

    /**
     * A chunk that arrived after its take was cut off, directly following the end: it was acknowledged to its
     * contributor, so the take grows to include it. Returns whether it did.
     */
    public boolean extendIfNext(String takeId, int sequence) {
        Query endsJustBefore = Query.query(Criteria.where("_id").is(takeId).and("lastSequence").is(sequence - 1));
        return mongo.updateFirst(endsJustBefore, new Update().set("lastSequence", sequence), Take.class)
                .getModifiedCount() > 0;
    }

    /**
     * Files kept for a take that an update replaced (null ids where there were none), and when the new ones were
     * recorded.
     */
    public record Replaced(String normalisedId, String thumbnailId, Instant normalisedAt) {
    }

    /**
     * Records the normalised form of a take, made from its chunks up to {@code sequence}; returns the files it
     * replaces, to be deleted.
     */
    public Replaced normalised(String takeId, int sequence, String normalisedId, double seconds, String thumbnailId,
            List<String> problems, Framing framing) {
        Query query = byId(takeId);
        query.fields().include("normalisedId", "thumbnailId");
        Instant now = clock.instant();
        // A partial document, so not read as a Take (whose every field would be needed).
        Document before = mongo.findAndModify(query, new Update().set("normalisedId", normalisedId)
                .set("normalisedSequence", sequence).set("seconds", seconds).set("thumbnailId", thumbnailId)
                .set("problems", problems).set("normalisedVersion", Take.NORMALISED_VERSION)
                .set("normalisedFraming", framing).set("normalisedAt", now), Document.class,
                MongoCollections.TAKES);
        return before == null ? new Replaced(null, null, now)
                : new Replaced(before.getString("normalisedId"), before.getString("thumbnailId"), now);
    }

    /**
     * As {@link #normalised}, for a copy made while the take was recorded: recorded only if the take still ends at
     * {@code sequence} and no copy of it from that far, in this version and framing, was kept meanwhile (a render that
     * did not wait). Empty when it was not recorded: the caller deletes its files.
     */
    public Optional<Replaced> normalisedIfFirst(String takeId, int sequence, String normalisedId, double seconds,
            String thumbnailId, List<String> problems, Framing framing) {
        Query query = Query.query(Criteria.where("_id").is(takeId).and("lastSequence").is(sequence)
                .orOperator(Criteria.where("normalisedSequence").ne(sequence),
                        Criteria.where("normalisedVersion").ne(Take.NORMALISED_VERSION),
                        Criteria.where("normalisedFraming").ne(framing.name())));
        query.fields().include("normalisedId", "thumbnailId");
        Instant now = clock.instant();
        Document before = mongo.findAndModify(query, new Update().set("normalisedId", normalisedId)
                .set("normalisedSequence", sequence).set("seconds", seconds).set("thumbnailId", thumbnailId)
                .set("problems", problems).set("normalisedVersion", Take.NORMALISED_VERSION)
                .set("normalisedFraming", framing).set("normalisedAt", now), Document.class,
                MongoCollections.TAKES);
        return Optional.ofNullable(before).map(
                b -> new Replaced(b.getString("normalisedId"), b.getString("thumbnailId"), now));
    }

    /**
     * Records the trimmed copy of a take made from its chunks up to {@code sequence}; returns the id of the trimmed
     * copy it replaces (null when there was none), to be deleted.
     */
    public String trimmed(String takeId, int sequence, FilmEdit.Trim trim, Framing framing, String trimmedId,
            double seconds) {
        Query query = byId(takeId);
        query.fields().include("trimmedId");
        Document before = mongo.findAndModify(query, new Update().set("trimStart", trim.startSeconds())
                .set("trimEnd", trim.endSeconds()).set("trimmedId", trimmedId).set("trimmedSeconds", seconds)
                .set("trimmedSequence", sequence).set("trimmedFraming", framing), Document.class,
                MongoCollections.TAKES);
        return before == null ? null : before.getString("trimmedId");
    }

    /** Whether the take's recording was let go (its chunks removed, or about to be). */
    public boolean recordingReleased(String takeId) {
        return Lookups.exists(mongo, Query.query(Criteria.where("_id").is(takeId).and("chunksReleasedAt").ne(null)),
                MongoCollections.TAKES);
    }

    /** Whether the take is known and not finished yet. */
    public boolean recording(String takeId) {
        return Lookups.exists(mongo, Query.query(Criteria.where("_id").is(takeId).and("lastSequence").is(null)),
                MongoCollections.TAKES);
    }

    /** The finished takes of a montage in the order contributors recorded them. */
    public List<Take> finishedTakes(String montageId) {
        Optional<List<Take>> listed = montageTakes.finished(montageId);
        if (listed.isPresent()) {
            return listed.get();
        }
        Query query = Query.query(Criteria.where("montageId").is(montageId).and("lastSequence").ne(null))
                .with(Sort.by("firstPartition", "firstOffset"));
        return mongo.find(query, Take.class);
    }

    private static Query byId(String takeId) {
        return Query.query(Criteria.where("_id").is(takeId));
    }
}
