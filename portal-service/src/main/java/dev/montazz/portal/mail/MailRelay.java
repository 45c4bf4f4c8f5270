package dev.montazz.portal.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.montazz.security.input.ClientText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what the {@link Outbox} holds, off every request's path. Each message is claimed first (its due time moved
 * ahead), so of several portal instances one sends it; a message the SMTP server did not take waits twice as long each
 * time, up to the settings' number of attempts, and then is given up with a log line. A sent message is kept, marked
 * sent, until the settings' {@code remember-sent} has passed: its id is what stops the same invitation or news from
 * being queued and sent again meanwhile.
 */
@Component
class MailRelay {

    private static final Logger log = LoggerFactory.getLogger(MailRelay.class);
    /** A claim outlives any send: an instance that dies mid-send leaves the message to another after this. */
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final int BATCH = 20;

    private final MongoTemplate mongo;
    private final ObjectProvider<JavaMailSender> smtp;
    private final MailSettings settings;
    private final Clock clock;

    MailRelay(MongoTemplate mongo, ObjectProvider<JavaMailSender> smtp, MailSettings settings, Clock clock) {
        this.mongo = mongo;
        this.smtp = smtp;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${montazz.mail.sweep-interval}")
    void sendDue() {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender == null) {
            return;
        }
        Query due = Query.query(Criteria.where(OutgoingMail.NEXT_ATTEMPT_AT).lte(clock.instant())).limit(BATCH);
        for (OutgoingMail mail : mongo.find(due, OutgoingMail.class)) {
            OutgoingMail claimed = claim(mail);
            if (claimed != null) {
                send(sender, claimed);
            }
        }
        forgetSent();
    }

    /** Sent messages older than the settings' remember-sent go: by a sweep, since TTL indexes are not relied on. */
    private void forgetSent() {
        mongo.remove(Query.query(Criteria.where(OutgoingMail.SENT_AT).lt(clock.instant().minus(settings.rememberSent()))),
                OutgoingMail.class);
    }

    private OutgoingMail claim(OutgoingMail mail) {
        Instant due = mail.delivery().nextAttemptAt();
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(mail.id())
                        .and(OutgoingMail.NEXT_ATTEMPT_AT).is(due)),
                new Update().set(OutgoingMail.NEXT_ATTEMPT_AT, clock.instant().plus(CLAIM)),
                FindAndModifyOptions.options().returnNew(true), OutgoingMail.class);
    }

    private void send(JavaMailSender sender, OutgoingMail mail) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(mail.message().to());
        message.setSubject(mail.message().subject());
        message.setText(mail.message().text());
        try {
            sender.send(message);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(mail.id())), new Update()
                    .set(OutgoingMail.SENT_AT, clock.instant()).unset(OutgoingMail.NEXT_ATTEMPT_AT), OutgoingMail.class);
            log.info("E-mail {} sent to {}", mail.id(), mail.message().to());
        } catch (MailException e) {
            failed(mail, e);
        }
    }

    private void failed(OutgoingMail mail, MailException e) {
        int attempts = mail.delivery().attempts() + 1;
        if (attempts >= settings.maxAttempts()) {
            mongo.remove(Query.query(Criteria.where("_id").is(mail.id())), OutgoingMail.class);
            log.warn("E-mail {} to {} given up after {} attempts: {}", mail.id(), mail.message().to(), attempts,
                    ClientText.clip(e.getMessage()));
            return;
        }
        Duration wait = settings.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(mail.id())), new Update().set("attempts", attempts)
                .set(OutgoingMail.NEXT_ATTEMPT_AT, clock.instant().plus(wait))
                .set("lastError", ClientText.clip(e.getMessage())), OutgoingMail.class);
        log.warn("E-mail {} to {} not sent ({}); trying again in {}", mail.id(), mail.message().to(),
                ClientText.clip(e.getMessage()), wait);
    }
}
