package dev.montazz.portal.mail;

import java.time.Instant;

import dev.montazz.contract.MongoCollections;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

/**
 * A message in the outbox until the SMTP server took it, and for a while after that so the same message is not queued
 * again (stored flat).
 *
 * @param id chosen by what caused it, so the same message is never queued twice (a redelivered event, a double click)
 * @param sender the account name of the person whose action caused it; {@code montazz} for the platform's own news
 */
@Document(MongoCollections.MAIL)
public record OutgoingMail(@Id String id, @Unwrapped.Empty Message message, String sender, Instant createdAt,
        @Unwrapped.Empty Delivery delivery) {

    /** Field names the outbox queries by. */
    static final String SENDER = "sender";
    static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    static final String SENT_AT = "sentAt";

    /** What is sent, as plain text. */
    public record Message(String to, String subject, String text) {
    }

    /**
     * @param nextAttemptAt when it is due; an instance sending it moves this ahead first, so no other sends it
     *        meanwhile; none once sent
     * @param lastError why the last attempt failed, for the log
     * @param sentAt when the SMTP server took it; the record stays until the settings' {@code remember-sent} has
     *        passed, so a second click or a redelivered event finds it and nothing is sent twice
     */
    public record Delivery(int attempts, Instant nextAttemptAt, String lastError, Instant sentAt) {
    }
}
