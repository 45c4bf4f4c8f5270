package dev.montazz.security.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.montazz.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.MessageListener;

/**
 * Accounts deleted lately, heard from auth-service's {@code montazz.account-deletions} (every instance reads all of it,
 * from the start: it is kept a day). Access tokens are signed and live minutes, so a deleted person's token would
 * still be accepted until it expires; every service refuses it at once instead. Entries older than a day go.
 */
public class DeletedAccounts implements MessageListener<String, byte[]> {

    /** As long as the topic keeps an announcement. */
    private static final Duration KEPT = Topics.ACCOUNT_DELETIONS_TOPIC.retention();

    private final Map<String, Instant> deleted = new ConcurrentHashMap<>();

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> announcement) {
        if (announcement.key() != null) {
            deleted.put(announcement.key(), Instant.ofEpochMilli(announcement.timestamp()));
        }
        Instant old = Instant.now().minus(KEPT);
        deleted.values().removeIf(at -> at.isBefore(old));
    }

    public boolean contains(String username) {
        return username != null && deleted.containsKey(username);
    }
}
