package dev.montazz.portal.edit;

import dev.montazz.contract.account.AccountContact;
import dev.montazz.contract.take.TakeView;
import dev.montazz.portal.PortalProperties;
import dev.montazz.portal.mail.Contacts;
import dev.montazz.portal.mail.OutgoingMail;
import dev.montazz.portal.mail.Outbox;
import dev.montazz.security.CurrentUser;
import dev.montazz.security.input.ClientText;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Tells a contributor by e-mail that the owner asked them to record a shot again, with the link to the studio. Sent
 * off the request by the outbox (and retried); nothing is sent where no mail server is set up, and asking for the
 * retake works all the same (the studio page tells them too).
 */
@Component
class RetakeMail {

    private final Contacts contacts;
    private final Outbox outbox;
    private final MongoTemplate mongo;
    private final String studioUrl;

    RetakeMail(Contacts contacts, Outbox outbox, MongoTemplate mongo, PortalProperties properties) {
        this.contacts = contacts;
        this.outbox = outbox;
        this.mongo = mongo;
        this.studioUrl = properties.studioUrl();
    }

    void ask(String montageId, TakeView take, CurrentUser owner, java.time.Instant askedAt) {
        if (!outbox.available()) {
            return;
        }
        Query query = Query.query(Criteria.where("_id").is(montageId));
        query.fields().include("title");
        org.bson.Document montage = mongo.findOne(query, org.bson.Document.class,
                dev.montazz.contract.MongoCollections.MONTAGES);
        String title = ClientText.clip(montage == null ? "your montage" : montage.getString("title"));
        String who = ClientText.clip(owner.displayName());
        contacts.of(take.contributorId()).map(AccountContact::email).ifPresent(email -> outbox.tell(
                "retake:" + take.id() + ":" + askedAt.toEpochMilli(),
                new OutgoingMail.Message(email, who + " asks you to record your shot in \"" + title + "\" again",
                        "Hello,\n\n" + who + " would like you to record your shot in \"" + title + "\" again. "
                                + "Your next take replaces it where it is in the film.\n\n"
                                + "Open the studio here: " + studioUrl + "/montages/" + montageId + "/studio\n")));
    }
}
