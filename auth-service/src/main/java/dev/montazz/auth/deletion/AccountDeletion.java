package dev.montazz.auth.deletion;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.montazz.auth.account.Account;
import dev.montazz.auth.account.Accounts;
import dev.montazz.auth.logout.BackChannelLogout;
import dev.montazz.contract.Topics;
import dev.montazz.contract.account.AccountDeleted;
import dev.montazz.security.kafka.TopicDeclarations;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ends an account and everything of it: the deletion is announced first on {@code montazz.account-deletions} (so a
 * failure leaves the account in place, to be deleted again, never half gone), then the account goes (its user name is
 * free at once) and every service's sessions of it end. The services act on the announcement: the portal deletes the
 * person's montages (announced as any deletion) and takes them off others' montages, merge removes their takes from
 * others' montages and renders those again, ingest takes them off every floor, and every service refuses their
 * tokens from then on.
 */
@Service
public class AccountDeletion {

    private static final Logger log = LoggerFactory.getLogger(AccountDeletion.class);

    private final Accounts accounts;
    private final KafkaTemplate<String, byte[]> kafka;
    private final BackChannelLogout logout;
    private final SessionRegistry sessions;
    private final JsonMapper json;

    AccountDeletion(Accounts accounts, KafkaTemplate<String, byte[]> kafka, BackChannelLogout logout,
            SessionRegistry sessions, JsonMapper json) {
        this.accounts = accounts;
        this.kafka = kafka;
        this.logout = logout;
        this.sessions = sessions;
        this.json = json;
    }

    /** Deletes the account of {@code username}; {@code deletedBy} is who asked (the person or an administrator). */
    public void delete(Account account, String deletedBy) {
        byte[] event = json.writeValueAsBytes(new AccountDeleted(account.username(), account.displayName(), deletedBy,
                Instant.now()));
        try {
            kafka.send(Topics.ACCOUNT_DELETIONS, account.username(), event).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The deletion could not be announced; nothing was deleted. Try again.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted; nothing was deleted", e);
        }
        accounts.delete(account);
        endSessions(account.username());
        logout.signedOut(account.username());
        log.info("Account {} deleted by {}", account.username(), deletedBy);
    }

    /** On every instance: the sessions are in the shared store, found by the person's name. */
    private void endSessions(String username) {
        sessions.getAllSessions(username, false).forEach(SessionInformation::expireNow);
    }

    /** auth-service owns accounts, so it declares the topic, as the contract describes it. */
    @Configuration(proxyBeanMethods = false)
    static class Topic {

        @Bean
        NewTopic accountDeletionsTopic(TopicDeclarations topics) {
            return topics.topic(Topics.ACCOUNT_DELETIONS_TOPIC).build();
        }
    }
}
