package dev.montazz.ingest.floor;

import dev.montazz.contract.Topics;
import dev.montazz.contract.account.AccountDeleted;
import dev.montazz.contract.montage.MontageDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Removes the floor of a montage the portal deleted; chunks for it are refused from then on (no such montage). */
@Component
class FloorPurge {

    private static final Logger log = LoggerFactory.getLogger(FloorPurge.class);

    private final MongoTemplate mongo;
    private final FloorService floors;
    private final JsonMapper json;

    FloorPurge(MongoTemplate mongo, FloorService floors, JsonMapper json) {
        this.mongo = mongo;
        this.floors = floors;
        this.json = json;
    }

    /** A deleted account leaves every floor: its place in queues, its turn (its takes are being deleted anyway). */
    @KafkaListener(id = "floor-account-purge", groupId = "ingest-service",
            topics = Topics.ACCOUNT_DELETIONS, properties = "auto.offset.reset=earliest")
    void onAccountDeleted(byte[] value) {
        String username = json.readValue(value, AccountDeleted.class).username();
        int left = floors.removeEverywhere(username);
        log.info("Account {} deleted: taken off {} floors", username, left);
    }

    @KafkaListener(id = "floor-purge", groupId = "ingest-service", topics = Topics.MONTAGE_DELETIONS,
            properties = "auto.offset.reset=earliest")
    void onDeleted(byte[] value) {
        String montageId = json.readValue(value, MontageDeleted.class).montageId();
        long removed = mongo.remove(Query.query(Criteria.where("_id").is(montageId)), Floor.class).getDeletedCount();
        log.info("Montage {} deleted: {} floor removed", montageId, removed);
    }
}
