package dev.montazz.merge.usage;

import dev.montazz.contract.MongoCollections;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * How many bytes of media each person has given, in the {@code usage} collection: one document per person, with the
 * total and the bytes per montage. merge writes it as it stores chunks and purges montages; ingest reads it (by
 * {@code _id}, so even the embedded MongoDB-wire server answers at once) to hold each person to their quota.
 * <p>
 * Each change touches one document, so the total and its parts never disagree. A montage's part is removed together
 * with its bytes and only if it still holds what was read, so a purge announced twice subtracts once.
 */
@Component
public class StorageUsage {

    private final MongoTemplate mongo;

    StorageUsage(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A chunk of this person's was stored for the first time. */
    public void stored(String contributorId, String montageId, long bytes) {
        mongo.upsert(Query.query(Criteria.where("_id").is(contributorId)),
                new Update().inc("bytes", bytes).inc("montages." + montageId, bytes), MongoCollections.USAGE);
    }

    /** Bytes of this person's were let go (an upload refused, a music bed replaced). */
    public void released(String contributorId, String montageId, long bytes) {
        stored(contributorId, montageId, -bytes);
    }

    /** The montage is gone: everyone's bytes in it no longer count. */
    public void montageDeleted(String montageId) {
        String part = "montages." + montageId;
        Query holders = Query.query(Criteria.where(part).exists(true));
        holders.fields().include(part);
        for (Document person : mongo.find(holders, Document.class, MongoCollections.USAGE)) {
            Object montages = person.get("montages");
            if (!(montages instanceof Document parts) || !(parts.get(montageId) instanceof Number bytes)) {
                continue;
            }
            mongo.updateFirst(Query.query(Criteria.where("_id").is(person.get("_id")).and(part).is(bytes)),
                    new Update().inc("bytes", -bytes.longValue()).unset(part), MongoCollections.USAGE);
        }
    }
}
