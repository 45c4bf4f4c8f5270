package dev.montazz.auth.deletion;

import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What deleting an account takes with it, read (never written) from the portal's montages and merge's takes, so the
 * warning before a deletion names what goes: the person's own montages, and the montages of others their takes are in.
 */
@Component
class AccountFootprint {

    private final MongoTemplate mongo;

    AccountFootprint(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    record Footprint(List<String> ownMontages, List<String> othersMontages, long takesInOthers) {
    }

    Footprint of(String username) {
        List<String> own = titles(Query.query(Criteria.where("owner").is(username)));
        List<Document> takes = mongo.find(Query.query(Criteria.where("contributorId").is(username)), Document.class,
                "takes");
        List<String> montageIds = takes.stream().map(take -> take.getString("montageId")).distinct().toList();
        List<String> others = titles(Query.query(Criteria.where("_id").in(montageIds).and("owner").ne(username)));
        List<String> otherIds = mongo.find(Query.query(Criteria.where("_id").in(montageIds).and("owner").ne(username)),
                Document.class, "montages").stream().map(m -> m.getString("_id")).toList();
        long inOthers = takes.stream().filter(take -> otherIds.contains(take.getString("montageId"))).count();
        return new Footprint(own, others, inOthers);
    }

    private List<String> titles(Query query) {
        query.fields().include("title");
        return mongo.find(query, Document.class, "montages").stream().map(m -> m.getString("title")).toList();
    }
}
