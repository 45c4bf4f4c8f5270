package dev.montazz.portal.montage;

import java.time.Instant;

import dev.montazz.contract.Topics;
import dev.montazz.contract.montage.MontageDeleted;
import dev.montazz.portal.Broker;
import dev.montazz.portal.mail.Outbox;
import dev.montazz.security.kafka.TopicDeclarations;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announces a deleted montage on the deletions topic (docs/kafka-contract.md): merge-service then removes its chunks,
 * takes, renders and files, ingest-service its floor. The announcement goes out before the montage itself is deleted:
 * a montage whose announcement failed is still there to be deleted again, never half gone with its media orphaned.
 */
@Component
class Deletions {

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    private final Outbox outbox;

    Deletions(KafkaTemplate<String, byte[]> kafka, JsonMapper json, Outbox outbox) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.json = json;
    }

    void announce(String montageId, String deletedBy) {
        byte[] value = json.writeValueAsBytes(new MontageDeleted(montageId, deletedBy, Instant.now()));
        Broker.sendAndWait(kafka, Topics.MONTAGE_DELETIONS, montageId, value, "the deletion of " + montageId);
        // Its invitations and news not sent yet would point at nothing.
        outbox.forgetMontage(montageId);
    }

    /** The portal owns montages, so it declares the topic that announces their end. */
    @Configuration(proxyBeanMethods = false)
    static class Topic {

        @Bean
        NewTopic deletionsTopic(TopicDeclarations topics) {
            return topics.topic(Topics.MONTAGE_DELETIONS_TOPIC).build();
        }
    }
}
