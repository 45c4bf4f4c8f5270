package dev.montazz.portal.mail;

import java.util.Optional;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.account.AccountContact;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** How to reach a person by e-mail, read (never written) from auth-service's accounts. */
@Component
public class Contacts {

    private final MongoTemplate mongo;

    Contacts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<AccountContact> of(String username) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where(AccountContact.USERNAME).is(username)),
                AccountContact.class, MongoCollections.ACCOUNTS));
    }
}
