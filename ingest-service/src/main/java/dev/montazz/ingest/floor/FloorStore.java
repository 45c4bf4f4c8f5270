package dev.montazz.ingest.floor;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Floors in MongoDB, changed by compare-and-set on their version: a change computed from a floor someone else has
 * changed meanwhile is thrown away and computed again from the new floor. One document, so no transaction is needed.
 */
@Component
class FloorStore {

    private static final int ATTEMPTS = 50;

    private final MongoTemplate mongo;

    FloorStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Floor read(String montageId) {
        return Optional.ofNullable(mongo.findById(montageId, Floor.class)).orElse(Floor.empty(montageId));
    }

    /** Applies the change atomically; returns the floor as saved (or as it was, when the change changed nothing). */
    Floor update(String montageId, UnaryOperator<Floor> change) {
        return update(montageId, change, null);
    }

    /**
     * The same, starting from a floor read a moment ago (saves a read on the chunk path); if it is out of date, the
     * version check refuses the save and the change is applied again to a fresh read.
     */
    Floor update(String montageId, UnaryOperator<Floor> change, Floor recent) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Floor current = attempt == 0 && recent != null ? recent : read(montageId);
            Floor next = change.apply(current);
            if (next == current) {
                return current;
            }
            try {
                return mongo.save(next);
            } catch (OptimisticLockingFailureException | DuplicateKeyException changedMeanwhile) {
                Thread.onSpinWait();
            }
        }
        throw new FloorBusy(montageId);
    }

    /** Floors this person is on: holding, waiting, or with a take of theirs still to be ended. */
    List<Floor> involving(String username) {
        return mongo.find(Query.query(new Criteria().orOperator(Criteria.where("holder.username").is(username),
                Criteria.where("queue.username").is(username), Criteria.where("pendingEnds.username").is(username))),
                Floor.class);
    }

    /** Floors that may need the sweeper: someone holds them, or a cut-off take still needs its end marker. */
    List<Floor> active() {
        return mongo.find(Query.query(new Criteria().orOperator(Criteria.where("holder").ne(null),
                Criteria.where("pendingEnds.0").exists(true))), Floor.class);
    }
}
