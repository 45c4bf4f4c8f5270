package dev.montazz.ingest.montage;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
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

    /** The fields ingest needs from a montage. */
    public record MontageRef(String id, String title, List<String> contributors, Integer maxShotSeconds) {

        public boolean hasContributor(String username) {
            return contributors != null && contributors.contains(username);
        }
    }

    public Optional<MontageRef> find(String montageId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(montageId)), MontageRef.class,
                COLLECTION));
    }

    /** The montages this person may record into, newest first. */
    public List<MontageRef> contributingTo(String username) {
        return mongo.find(Query.query(Criteria.where("contributors").is(username))
                .with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(50), MontageRef.class, COLLECTION);
    }
}
