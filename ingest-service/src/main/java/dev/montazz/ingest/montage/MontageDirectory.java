package dev.montazz.ingest.montage;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads portal-service's montages; ingest never writes them. */
@Component
public class MontageDirectory {

    static final String COLLECTION = "montages";

    private final MongoTemplate mongo;

    MontageDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public boolean exists(String montageId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(montageId)), COLLECTION);
    }
}
