package dev.montazz.merge.montage;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.Topics;
import dev.montazz.contract.montage.MontageDeleted;
import dev.montazz.merge.chunk.TakeChunks;
import dev.montazz.merge.files.MediaFiles;
import dev.montazz.merge.take.MontageTakes;
import dev.montazz.merge.usage.StorageUsage;
import dev.montazz.security.store.Lookups;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Removes everything merge-service keeps of a deleted montage: chunks, takes, its render and every file (films, stills,
 * normalised takes). Idempotent, so a redelivered announcement or a second call is harmless.
 */
@Component
public class MontagePurge {

    private static final Logger log = LoggerFactory.getLogger(MontagePurge.class);

    private final MongoTemplate mongo;
    private final MediaFiles files;
    private final StorageUsage usage;
    private final JsonMapper json;
    private final MontageTakes montageTakes;

    MontagePurge(MongoTemplate mongo, MediaFiles files, StorageUsage usage, JsonMapper json,
            MontageTakes montageTakes) {
        this.montageTakes = montageTakes;
        this.mongo = mongo;
        this.files = files;
        this.usage = usage;
        this.json = json;
    }

    @KafkaListener(id = "montage-purge", topics = Topics.MONTAGE_DELETIONS)
    void onDeleted(byte[] value) {
        purge(json.readValue(value, MontageDeleted.class).montageId());
    }

    public void purge(String montageId) {
        Query ofMontage = Query.query(Criteria.where("montageId").is(montageId));
        long chunks = 0;
        Query takesOfMontage = Query.query(Criteria.where("montageId").is(montageId));
        takesOfMontage.fields().include("_id", "lastSequence");
        for (Document take : mongo.find(takesOfMontage, Document.class, MongoCollections.TAKES)) {
            chunks += TakeChunks.remove(mongo, take.getString("_id"), take.getInteger("lastSequence"));
        }
        // Then what no take names (an upload's parts on their way, a chunk whose take was never recorded): few.
        chunks += mongo.remove(ofMontage, MongoCollections.CHUNKS).getDeletedCount();
        long takes = mongo.remove(ofMontage, MongoCollections.TAKES).getDeletedCount();
        montageTakes.montageGone(montageId);
        usage.montageDeleted(montageId);
        mongo.remove(Query.query(Criteria.where("_id").is(montageId)), MongoCollections.RENDERS);
        mongo.remove(Query.query(Criteria.where("_id").is(montageId)), MongoCollections.MUSIC);
        int removed = files.deleteAllOf(montageId);
        log.info("Montage {} deleted: {} chunks, {} takes, its render and {} files removed", montageId, chunks, takes,
                removed);
    }

    /** Whether the montage still exists in portal-service's collection (which merge-service only reads). */
    public boolean exists(String montageId) {
        return Lookups.exists(mongo, montageId, MongoCollections.MONTAGES);
    }
}
