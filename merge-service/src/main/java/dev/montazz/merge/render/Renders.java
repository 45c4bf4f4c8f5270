package dev.montazz.merge.render;

import java.time.Instant;

import dev.montazz.contract.render.RenderStatus;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** State changes of the {@code renders} collection, which only merge-service writes. */
@Component
class Renders {

    private final MongoTemplate mongo;

    Renders(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Render find(String montageId) {
        return mongo.findById(montageId, Render.class);
    }

    void rendering(String montageId, Instant requestedAt) {
        mongo.upsert(byId(montageId), new Update().set("status", RenderStatus.RENDERING).set("requestedAt", requestedAt)
                .unset("failure"), Render.class);
    }

    void failed(String montageId, String reason) {
        mongo.upsert(byId(montageId), new Update().set("status", RenderStatus.FAILED).set("failure", reason), Render.class);
    }

    /** Stores the finished render and returns the one it replaced, whose video can then be deleted. */
    Render ready(Render render) {
        return mongo.findAndReplace(byId(render.montageId()), render, FindAndReplaceOptions.options().upsert());
    }

    /** Removes the montage's render and returns it (null when there was none), for its files to be deleted. */
    Render withdraw(String montageId) {
        return mongo.findAndRemove(byId(montageId), Render.class);
    }

    private static Query byId(String montageId) {
        return Query.query(Criteria.where("_id").is(montageId));
    }
}
