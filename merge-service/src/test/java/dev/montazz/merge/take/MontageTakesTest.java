package dev.montazz.merge.take;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.take.MontageTakesView;
import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A montage's takes found by {@code _id} through merge's list of them: the same takes in the same order as the query
 * on {@code montageId} found, including those kept before there was a list, and never another montage's. On the
 * MongoDB-wire server, or the real MongoDB given by {@code MONGODB_URI}.
 */
class MontageTakesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private final SimpleMongoClientDatabaseFactory factory =
            new SimpleMongoClientDatabaseFactory(TestInfrastructure.newMongoDatabaseUri("merge-montage-takes"));
    private final MongoTemplate mongo = new MongoTemplate(factory);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @AfterEach
    void close() throws Exception {
        factory.destroy();
    }

    @Test
    void takesKeptBeforeTheListAreListedOnceAndFoundInTheOrderTheyWereRecorded() {
        keptBefore("second", "m1", 1, 40L);
        keptBefore("first", "m1", 0, 900L);
        keptBefore("third", "m1", 1, 41L);
        keptBefore("elsewhere", "m2", 0, 1L);
        MontageTakes montageTakes = new MontageTakes(mongo);
        TakeRegistry registry = new TakeRegistry(mongo, clock, montageTakes);

        assertThat(montageTakes.finished("m1")).as("not listed yet: looked up by the query").isEmpty();
        List<String> beforeTheList = ids(registry.finishedTakes("m1"));
        assertThat(beforeTheList).containsExactly("first", "second", "third");

        montageTakes.listAll();

        assertThat(montageTakes.finished("m1")).as("found by id from now on").isPresent();
        assertThat(ids(registry.finishedTakes("m1"))).isEqualTo(beforeTheList);
        assertThat(ids(registry.finishedTakes("m2"))).containsExactly("elsewhere");
        assertThat(ids(registry.finishedTakes("m3"))).as("a montage nobody recorded in").isEmpty();
        assertThat(new MontageTakes(mongo).complete()).as("another instance sees the list is complete").isTrue();
        MontageTakesView listed = mongo.findById("m1", MontageTakesView.class, MongoCollections.MONTAGE_TAKES);
        assertThat(listed.takeIds()).containsExactlyInAnyOrder("first", "second", "third");

        montageTakes.listAll();
        assertThat(mongo.findById("m1", MontageTakesView.class, MongoCollections.MONTAGE_TAKES).takeIds())
                .as("listing again (a second instance at the same time) names each take once").hasSize(3);
    }

    @Test
    void aTakeStartedIsListedAndFoundOnceFinishedAndAGoneTakeOrMontageIsNot() {
        MontageTakes montageTakes = new MontageTakes(mongo);
        montageTakes.listAll();
        TakeRegistry registry = new TakeRegistry(mongo, clock, montageTakes);

        registry.started("m1", "ann-1", "ann", "Ann", "webm", NOW, 2, 10L);
        registry.started("m1", "bob-1", "bob", "Bob", "webm", NOW, 0, 7L);
        registry.started("m1", "bob-1", "bob", "Bob", "webm", NOW, 0, 7L);
        registry.started("m2", "cy-1", "cy", "Cy", "webm", NOW, 0, 3L);
        assertThat(registry.finishedTakes("m1")).as("still recording").isEmpty();

        registry.finished("ann-1", 4);
        registry.finished("bob-1", 2);
        registry.finished("cy-1", 1);

        assertThat(ids(registry.finishedTakes("m1"))).containsExactly("bob-1", "ann-1");
        assertThat(mongo.findById("m1", MontageTakesView.class, MongoCollections.MONTAGE_TAKES).takeIds())
                .as("a take started twice (a chunk read again) is listed once").hasSize(2);

        mongo.remove(Query.query(Criteria.where("_id").is("ann-1")), Take.class);
        assertThat(ids(registry.finishedTakes("m1"))).as("a listed take that is gone is passed over")
                .containsExactly("bob-1");
        montageTakes.removed("m1", "ann-1");
        assertThat(mongo.findById("m1", MontageTakesView.class, MongoCollections.MONTAGE_TAKES).takeIds())
                .containsExactly("bob-1");

        montageTakes.montageGone("m1");
        assertThat(mongo.findById("m1", MontageTakesView.class, MongoCollections.MONTAGE_TAKES)).isNull();
        assertThat(registry.finishedTakes("m1")).isEmpty();
        assertThat(ids(registry.finishedTakes("m2"))).as("another montage's takes stay").containsExactly("cy-1");
    }

    private void keptBefore(String id, String montageId, int partition, long offset) {
        mongo.insert(new Document("_id", id).append("montageId", montageId).append("contributorId", "ann")
                .append("contributor", "Ann").append("container", "webm").append("startedAt", Date.from(NOW))
                .append("firstPartition", partition).append("firstOffset", offset).append("lastSequence", 2)
                .append("finishedAt", Date.from(NOW)), MongoCollections.TAKES);
    }

    private static List<String> ids(List<Take> takes) {
        return takes.stream().map(Take::id).toList();
    }
}
