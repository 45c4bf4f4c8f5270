package dev.montazz.ingest.floor;

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

    /** ingest-service's reading of the portal's deletion announcement (docs/kafka-contract.md). */
    record MontageDeleted(String montageId) {
    }

    /** ingest-service's reading of auth-service's account deletion announcement (docs/kafka-contract.md). */
    record AccountDeleted(String username) {
    }

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
            topics = "${montazz.ingest.account-deletions-topic}", properties = "auto.offset.reset=earliest")
    void onAccountDeleted(byte[] value) {
        String username = json.readValue(value, AccountDeleted.class).username();
        int left = floors.removeEverywhere(username);
        log.info("Account {} deleted: taken off {} floors", username, left);
    }

    @KafkaListener(id = "floor-purge", groupId = "ingest-service", topics = "${montazz.ingest.deletions-topic}",
            properties = "auto.offset.reset=earliest")
    void onDeleted(byte[] value) {
        String montageId = json.readValue(value, MontageDeleted.class).montageId();
        long removed = mongo.remove(Query.query(Criteria.where("_id").is(montageId)), Floor.class).getDeletedCount();
        log.info("Montage {} deleted: {} floor removed", montageId, removed);
    }
}
