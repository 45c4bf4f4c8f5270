package dev.montazz.merge.account;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.Topics;
import dev.montazz.contract.account.AccountDeleted;
import dev.montazz.merge.chunk.TakeChunks;
import dev.montazz.merge.files.MediaFiles;
import dev.montazz.merge.montage.MontagePurge;
import dev.montazz.merge.take.MontageTakes;
import dev.montazz.merge.take.RenderRequests;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Removes what merge keeps of a deleted account: every take of theirs (chunks, normalised copy, still) in whatever
 * montage, and their storage count; the montages of others they were in are rendered again without them. Their own
 * montages go through the portal's montage deletions. Idempotent: a take's chunks and files go before the take, so
 * a redelivered announcement finds whatever a crash left.
 */
@Component
class AccountPurge {

    private static final Logger log = LoggerFactory.getLogger(AccountPurge.class);

    private final MongoTemplate mongo;
    private final MediaFiles files;
    private final RenderRequests renders;
    private final MontagePurge montages;
    private final JsonMapper json;
    private final MontageTakes montageTakes;

    AccountPurge(MongoTemplate mongo, MediaFiles files, RenderRequests renders, MontagePurge montages,
            JsonMapper json, MontageTakes montageTakes) {
        this.montageTakes = montageTakes;
        this.mongo = mongo;
        this.files = files;
        this.renders = renders;
        this.montages = montages;
        this.json = json;
    }

    @KafkaListener(id = "account-purge", topics = Topics.ACCOUNT_DELETIONS)
    void onDeleted(byte[] value) {
        purge(json.readValue(value, AccountDeleted.class).username());
    }

    void purge(String username) {
        List<Document> takes = mongo.find(Query.query(Criteria.where("contributorId").is(username)), Document.class,
                MongoCollections.TAKES);
        Set<String> touched = new LinkedHashSet<>();
        for (Document take : takes) {
            String takeId = take.getString("_id");
            TakeChunks.remove(mongo, takeId, take.getInteger("lastSequence"));
            files.deleteTake(take.getString("normalisedId"));
            files.deleteTake(take.getString("trimmedId"));
            files.deleteThumbnail(take.getString("thumbnailId"));
            mongo.remove(Query.query(Criteria.where("_id").is(takeId)), MongoCollections.TAKES);
            montageTakes.removed(take.getString("montageId"), takeId);
            touched.add(take.getString("montageId"));
        }
        mongo.remove(Query.query(Criteria.where("_id").is(username)), MongoCollections.USAGE);
        for (String montageId : touched) {
            if (montages.exists(montageId)) {
                renders.request(montageId, "a contributor's account was deleted");
            }
        }
        log.info("Account {} deleted: {} takes removed from {} montages", username, takes.size(), touched.size());
    }
}
