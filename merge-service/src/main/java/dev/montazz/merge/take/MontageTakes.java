package dev.montazz.merge.take;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.take.MontageTakesView;
import dev.montazz.security.store.Lookups;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Each montage's take ids in one document ({@code montage-takes}, the contract's {@link MontageTakesView}), so that a
 * render finds a montage's takes by {@code _id} lookups instead of a query on {@code montageId}, which the embedded
 * MongoDB-wire server answers by reading every take of every montage. Each change is one idempotent update
 * ({@code $addToSet}, {@code $pull}); the list may name a take already removed, never miss one that is there.
 * <p>
 * Takes kept before there was a list are listed once, in the background after start-up, by whichever instance gets
 * there first (two at once only add the same ids twice over); until the {@link MontageTakesView#COMPLETE} mark is
 * written, takes are looked up by the query as before.
 */
@Component
public class MontageTakes {

    private static final Logger log = LoggerFactory.getLogger(MontageTakes.class);
    private static final Comparator<Take> RECORDED = Comparator
            .comparingInt((Take take) -> take.recording().firstPartition())
            .thenComparingLong(take -> take.recording().firstOffset());

    private final MongoTemplate mongo;
    /** Once seen, the mark stays: it is never removed. */
    private volatile boolean complete;

    MontageTakes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A take was started (again: a chunk read twice adds nothing). */
    public void added(String montageId, String takeId) {
        mongo.upsert(byId(montageId), new Update().addToSet("takeIds", takeId), MongoCollections.MONTAGE_TAKES);
    }

    /** A take went (its contributor's account was deleted). */
    public void removed(String montageId, String takeId) {
        mongo.updateFirst(byId(montageId), new Update().pull("takeIds", takeId), MongoCollections.MONTAGE_TAKES);
    }

    /** The montage went, and its takes with it. */
    public void montageGone(String montageId) {
        mongo.remove(byId(montageId), MongoCollections.MONTAGE_TAKES);
    }

    /**
     * The montage's finished takes in the order they were recorded, each found by its id; empty while takes kept
     * before the list are not listed yet.
     */
    Optional<List<Take>> finished(String montageId) {
        if (!complete()) {
            return Optional.empty();
        }
        MontageTakesView listed = mongo.findById(montageId, MontageTakesView.class, MongoCollections.MONTAGE_TAKES);
        List<Take> takes = new ArrayList<>();
        for (String takeId : listed == null ? List.<String>of() : listed.takeIds()) {
            Take take = mongo.findById(takeId, Take.class);
            if (take != null && take.finished()) {
                takes.add(take);
            }
        }
        takes.sort(RECORDED);
        return Optional.of(takes);
    }

    boolean complete() {
        if (!complete) {
            complete = Lookups.exists(mongo, MontageTakesView.COMPLETE, MongoCollections.MONTAGE_TAKES);
        }
        return complete;
    }

    @EventListener(ApplicationReadyEvent.class)
    void listTakesKeptBefore() {
        if (complete()) {
            return;
        }
        Thread backfill = new Thread(() -> {
            try {
                listAll();
            } catch (RuntimeException e) {
                log.warn("Could not list the takes kept so far; renders look them up by query until a restart: {}",
                        e.getMessage());
            }
        }, "montage-takes-backfill");
        backfill.setDaemon(true);
        backfill.start();
    }

    /** Lists every take there is under its montage, then writes the mark. */
    void listAll() {
        Query all = new Query();
        all.fields().include("_id", "montageId");
        int listed = 0;
        all.cursorBatchSize(1_000);
        try (Stream<Document> takes = mongo.stream(all, Document.class, MongoCollections.TAKES)) {
            for (Document take : (Iterable<Document>) takes::iterator) {
                if (take.getString("montageId") != null) {
                    added(take.getString("montageId"), take.getString("_id"));
                    listed++;
                }
            }
        }
        mongo.upsert(byId(MontageTakesView.COMPLETE), new Update().set("takeIds", List.of()),
                MongoCollections.MONTAGE_TAKES);
        complete = true;
        log.info("Listed {} takes kept so far under their montages", listed);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
