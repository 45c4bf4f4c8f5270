package dev.montazz.merge.chunk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import dev.montazz.contract.MongoCollections;
import dev.montazz.merge.MergeProperties;
import dev.montazz.merge.take.Take;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes the recordings of takes kept long enough in the film's format. A take's chunks are needed while the take may
 * still be normalised again (a late chunk, another framing, a new way of levelling the sound); past
 * {@code keep-recordings} after its normalised copy was kept, that copy is what the take is, and the chunks, about as
 * large again, go.
 * <p>
 * In two steps, a sweep apart: first the take is marked (compare-and-set on the copy being of the whole recording), and
 * from then on nothing reads its chunks; only once the mark is older than the grace period, longer than any render, are
 * they removed, so a render that read the take just before the mark never finds half a recording. Each chunk goes by
 * its {@code _id}, which even the embedded MongoDB-wire server finds without a scan. A sweep cut off midway is
 * finished by the next.
 */
@Component
class RecordingRetention {

    private static final Logger log = LoggerFactory.getLogger(RecordingRetention.class);

    private final MongoTemplate mongo;
    private final Duration keep;
    private final Duration grace;
    private final Clock clock;

    @Autowired
    RecordingRetention(MongoTemplate mongo, MergeProperties properties, Clock clock) {
        this(mongo, properties.storageSweep().keepRecordings(), properties.storageSweep().grace(), clock);
    }

    RecordingRetention(MongoTemplate mongo, Duration keep, Duration grace, Clock clock) {
        this.mongo = mongo;
        this.keep = keep;
        this.grace = grace;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 3, timeUnit = TimeUnit.MINUTES,
            fixedDelayString = "${montazz.merge.storage-sweep.interval}")
    void sweepNow() {
        try {
            Swept swept = sweep();
            if (swept.released() + swept.removed() > 0) {
                log.info("Recordings: {} takes let go, {} takes' chunks removed ({} chunks)", swept.released(),
                        swept.removed(), swept.chunks());
            }
        } catch (RuntimeException e) {
            log.warn("Could not sweep old recordings this time: {}", e.getMessage());
        }
    }

    /**
     * @param released takes marked in this sweep, their chunks to go in a later one
     * @param removed takes whose chunks went in this sweep
     * @param chunks how many chunks went
     */
    record Swept(int released, int removed, long chunks) {
    }

    /** Removes the chunks of takes let go a grace period ago, then lets go of those kept long enough (none for 0). */
    Swept sweep() {
        Instant now = clock.instant();
        int removed = 0;
        long chunks = 0;
        Query due = Query.query(Criteria.where("chunksReleasedAt").lt(Date.from(now.minus(grace)))
                .and("chunksRemovedAt").is(null));
        due.fields().include("_id", "lastSequence");
        for (Document take : mongo.find(due, Document.class, MongoCollections.TAKES)) {
            chunks += removeChunks(take.getString("_id"), take.getInteger("lastSequence"));
            mongo.updateFirst(byId(take.getString("_id")), new Update().set("chunksRemovedAt", now),
                    MongoCollections.TAKES);
            removed++;
        }
        int released = 0;
        if (!keep.isZero()) {
            Instant keptBefore = now.minus(keep);
            Query kept = Query.query(Criteria.where("lastSequence").ne(null).and("normalisedId").ne(null)
                    .and("chunksReleasedAt").is(null));
            kept.fields().include("_id", "lastSequence", "normalisedId", "normalisedSequence", "normalisedVersion",
                    "normalisedAt", "finishedAt");
            for (Document take : mongo.find(kept, Document.class, MongoCollections.TAKES)) {
                if (keptLongEnough(take, keptBefore) && release(take, now)) {
                    released++;
                }
            }
        }
        return new Swept(released, removed, chunks);
    }

    /** Whether the take's copy is of its whole recording, made the way takes are made now, and old enough. */
    private static boolean keptLongEnough(Document take, Instant keptBefore) {
        Integer last = take.getInteger("lastSequence");
        Integer version = take.getInteger("normalisedVersion");
        // Copies from before their time was recorded count from the take's end: they were made within the minute.
        Date keptAt = take.getDate("normalisedAt") != null ? take.getDate("normalisedAt") : take.getDate("finishedAt");
        return last != null && last.equals(take.getInteger("normalisedSequence")) && version != null
                && version >= Take.NORMALISED_VERSION && keptAt != null && keptAt.toInstant().isBefore(keptBefore);
    }

    /** Marks the take, unless it changed since it was read (grown by a late chunk, normalised again). */
    private boolean release(Document take, Instant now) {
        Query unchanged = Query.query(Criteria.where("_id").is(take.getString("_id"))
                .and("lastSequence").is(take.getInteger("lastSequence"))
                .and("normalisedSequence").is(take.getInteger("lastSequence"))
                .and("normalisedId").is(take.getString("normalisedId"))
                .and("chunksReleasedAt").is(null));
        return mongo.updateFirst(unchanged, new Update().set("chunksReleasedAt", now), MongoCollections.TAKES)
                .getModifiedCount() > 0;
    }

    private long removeChunks(String takeId, Integer lastSequence) {
        long removed = 0;
        for (int sequence = 0; lastSequence != null && sequence <= lastSequence; sequence++) {
            removed += mongo.remove(byId(TakeKey.chunkId(takeId, sequence)), MongoCollections.CHUNKS)
                    .getDeletedCount();
        }
        return removed;
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
