package dev.montazz.security.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** The same answers as {@code MongoOperations.exists}, on the MongoDB-wire server or the one {@code MONGODB_URI} gives. */
class LookupsTest {

    private final SimpleMongoClientDatabaseFactory factory =
            new SimpleMongoClientDatabaseFactory(TestInfrastructure.newMongoDatabaseUri("lookups"));
    private final MongoTemplate mongo = new MongoTemplate(factory);

    @AfterEach
    void close() throws Exception {
        factory.destroy();
    }

    @Test
    void aDocumentIsThereByItsIdOrByItsIdAndMoreAndNothingElseIs() {
        mongo.insert(new Document("_id", "t1").append("lastSequence", 3), "things");
        mongo.insert(new Document("_id", "t2"), "things");

        assertThat(Lookups.exists(mongo, "t1", "things")).isTrue();
        assertThat(Lookups.exists(mongo, "t3", "things")).isFalse();
        assertThat(Lookups.exists(mongo, "t1", "other-things")).isFalse();
        Query finished = Query.query(Criteria.where("_id").is("t1").and("lastSequence").ne(null));
        assertThat(Lookups.exists(mongo, finished, "things")).isTrue();
        Query stillRecording = Query.query(Criteria.where("_id").is("t1").and("lastSequence").is(null));
        assertThat(Lookups.exists(mongo, stillRecording, "things")).isFalse();
        assertThat(Lookups.exists(mongo, Query.query(Criteria.where("_id").is("t2").and("lastSequence").is(null)),
                "things")).as("a field that is not there is null").isTrue();
        for (Query query : new Query[] {finished, stillRecording}) {
            assertThat(Lookups.exists(mongo, query, "things")).isEqualTo(mongo.exists(query, "things"));
        }
    }
}
