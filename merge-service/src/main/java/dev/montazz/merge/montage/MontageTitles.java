package dev.montazz.merge.montage;

import java.util.Optional;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads montage titles and layouts from portal-service's collection, which merge-service never writes. */
@Component
public class MontageTitles {

    private final MongoTemplate mongo;

    MontageTitles(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** "grid" when the owner chose takes side by side; otherwise (and by default) "sequence". */
    public String layoutOf(String montageId) {
        Query query = Query.query(Criteria.where("_id").is(montageId));
        query.fields().include("layout");
        Document montage = mongo.findOne(query, Document.class, "montages");
        return montage != null && "GRID".equals(montage.getString("layout")) ? "grid" : "sequence";
    }

    public Optional<String> titleOf(String montageId) {
        Query query = Query.query(Criteria.where("_id").is(montageId));
        query.fields().include("title");
        return Optional.ofNullable(mongo.findOne(query, Document.class, "montages")).map(d -> d.getString("title"));
    }
}
