package dev.montazz.merge.montage;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads what a film depends on from portal-service's {@code montages} collection, which merge-service never writes. */
@Component
public class MontageSettings {

    /**
     * @param layout "sequence" (takes one after another) or "grid" (side by side)
     * @param crossfade whether takes in a sequence dissolve into each other rather than cut
     */
    public record Settings(String title, String layout, boolean crossfade) {
    }

    private final MongoTemplate mongo;

    MontageSettings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The montage's settings; defaults (and a title made from its id) for what the owner never chose. */
    public Settings of(String montageId) {
        Query query = Query.query(Criteria.where("_id").is(montageId));
        query.fields().include("title", "layout", "transition");
        Document montage = mongo.findOne(query, Document.class, "montages");
        if (montage == null) {
            return new Settings("Montage " + montageId, "sequence", false);
        }
        String title = montage.getString("title");
        return new Settings(title == null ? "Montage " + montageId : title,
                "GRID".equals(montage.getString("layout")) ? "grid" : "sequence",
                "CROSSFADE".equals(montage.getString("transition")));
    }
}
