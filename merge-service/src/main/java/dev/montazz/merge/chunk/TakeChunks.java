package dev.montazz.merge.chunk;

import dev.montazz.contract.MongoCollections;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Removes a take's chunks one by one, by id. A remove by any other field makes the embedded MongoDB-wire server hold
 * every document it matches in memory until it is done (it indexes only {@code _id}): deleting a montage with a take
 * of 4.4 GB took that server's JVM out of memory. By id, each remove holds one chunk, on a real MongoDB as here.
 */
public final class TakeChunks {

    private TakeChunks() {
    }

    /**
     * Removes chunks 0 to {@code lastSequence} and any stored past it (a take's chunks follow each other without
     * gaps); {@code null} when the take's end is not known: up to the first that is not there.
     *
     * @return how many were removed
     */
    public static long remove(MongoTemplate mongo, String takeId, Integer lastSequence) {
        long removed = 0;
        for (int sequence = 0; ; sequence++) {
            long gone = mongo.remove(Query.query(Criteria.where("_id").is(TakeKey.chunkId(takeId, sequence))),
                    MongoCollections.CHUNKS).getDeletedCount();
            removed += gone;
            if (gone == 0 && (lastSequence == null || sequence >= lastSequence)) {
                return removed;
            }
        }
    }
}
