package dev.montazz.portal.montage;

import java.util.List;

import dev.montazz.contract.Topics;
import dev.montazz.contract.account.AccountDeleted;
import dev.montazz.portal.mail.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the portal does when auth-service announces a deleted account: the person's own montages are deleted the way
 * their owner would (each announced, so every service removes its films and takes), and they are taken off the
 * contributors of everyone else's. Idempotent, so a redelivered announcement is harmless.
 */
@Component
class AccountPurge {

    private static final Logger log = LoggerFactory.getLogger(AccountPurge.class);

    private final MongoTemplate mongo;
    private final Deletions deletions;
    private final Outbox outbox;
    private final JsonMapper json;

    AccountPurge(MongoTemplate mongo, Deletions deletions, JsonMapper json, Outbox outbox) {
        this.outbox = outbox;
        this.mongo = mongo;
        this.deletions = deletions;
        this.json = json;
    }

    @KafkaListener(id = "account-purge", groupId = "portal-service",
            topics = Topics.ACCOUNT_DELETIONS)
    void onDeleted(byte[] value) {
        purge(json.readValue(value, AccountDeleted.class));
    }

    void purge(AccountDeleted deleted) {
        List<Montage> own = mongo.find(Query.query(Criteria.where("owner").is(deleted.username())), Montage.class);
        for (Montage montage : own) {
            deletions.announce(montage.id(), deleted.deletedBy());
            mongo.remove(Query.query(Criteria.where("_id").is(montage.id())), Montage.class);
        }
        long others = mongo.updateMulti(Query.query(Criteria.where("contributors").is(deleted.username())),
                new Update().pull("contributors", deleted.username()).pull("contributorNames", deleted.displayName()),
                Montage.class).getModifiedCount();
        outbox.forgetPerson(deleted.username());
        log.info("Account {} deleted: {} montages of theirs deleted, taken off {} others", deleted.username(),
                own.size(), others);
    }
}
