package dev.montazz.portal.mail;

import java.time.Clock;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Queues e-mail to be sent by {@link MailRelay}: a request only writes one document and never waits for an SMTP
 * server, and a message the server refused is tried again. Nothing is queued when no SMTP server is set up.
 */
@Component
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final MongoTemplate mongo;
    private final ObjectProvider<JavaMailSender> smtp;
    private final MailSettings settings;
    private final Clock clock;

    Outbox(MongoTemplate mongo, ObjectProvider<JavaMailSender> smtp, MailSettings settings, Clock clock) {
        this.mongo = mongo;
        this.smtp = smtp;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether e-mail can be sent at all here. */
    public boolean available() {
        return smtp.getIfAvailable() != null;
    }

    /**
     * Queues a message on behalf of {@code sender}, unless one with this id is already queued or sent; refused when
     * e-mail is not set up, or when the sender has too many messages waiting.
     */
    public void send(String id, OutgoingMail.Message message, String sender) {
        if (!available()) {
            throw new MailUnavailable();
        }
        long pending = mongo.count(Query.query(Criteria.where(OutgoingMail.SENDER).is(sender)
                .and(OutgoingMail.SENT_AT).exists(false)), OutgoingMail.class);
        if (pending >= settings.maxPendingPerSender()) {
            throw new MailBacklog((int) pending);
        }
        queue(id, message, sender);
    }

    /** The platform's own news (a film is ready): queued when e-mail is set up, quietly skipped otherwise. */
    public void tell(String id, OutgoingMail.Message message) {
        if (available()) {
            queue(id, message, "montazz");
        }
    }

    /** A deleted montage: its invitations and news not sent yet go too. */
    public void forgetMontage(String montageId) {
        Query aboutIt = Query.query(Criteria.where("_id").regex("^[a-z-]+:" + Pattern.quote(montageId) + ":"));
        long removed = mongo.remove(aboutIt, OutgoingMail.class).getDeletedCount();
        log.debug("{} e-mails about montage {} will not be sent", removed, montageId);
    }

    /** A deleted account: nothing they sent and nothing to them waits any more. */
    public void forgetPerson(String username) {
        mongo.remove(Query.query(new Criteria().orOperator(Criteria.where(OutgoingMail.SENDER).is(username),
                Criteria.where("_id").regex(":" + Pattern.quote(username) + "$"))), OutgoingMail.class);
    }

    private void queue(String id, OutgoingMail.Message message, String sender) {
        try {
            mongo.insert(new OutgoingMail(id, message, sender, clock.instant(),
                    new OutgoingMail.Delivery(0, clock.instant(), null, null)));
            log.info("E-mail {} queued for {}", id, message.to());
        } catch (DuplicateKeyException alreadyQueued) {
            log.debug("E-mail {} was already queued or sent", id);
        }
    }
}
