package dev.montazz.portal.montage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.montazz.stack.TestInfrastructure;
import java.time.Instant;
import java.util.List;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.Topics;
import dev.montazz.contract.montage.MontageMembership;
import dev.montazz.contract.montage.MontageSettings;
import dev.montazz.contract.testing.EventContract;
import dev.montazz.contract.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * portal-service's side of the contract, with its real mapper and repository: the events it sends and reads are the
 * documented ones, and a montage it stores is what merge, ingest and auth read through the contract's read models.
 */
@SpringBootTest
@EmbeddedKafka(partitions = 1)
class PortalContractTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "portal-contract");
    }

    @Autowired
    private JsonMapper json;

    @Autowired
    private MontageRepository montages;

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private dev.montazz.portal.edit.FilmEditor editor;

    @Test
    void sendsRenderRequestsAndDeletionsAsDocumented() {
        EventContract.assertProducerWrites(json, Topics.RENDER_REQUESTS);
        EventContract.assertProducerWrites(json, Topics.MONTAGE_DELETIONS);
        EventContract.assertProducerWrites(json, Topics.LIVE_AUDIENCE);
    }

    @Test
    void readsRenderProgressAndAccountDeletionsAsDocumented() {
        EventContract.assertConsumerReads(json, Topics.RENDER_PROGRESS);
        EventContract.assertConsumerReads(json, Topics.ACCOUNT_DELETIONS);
        EventContract.assertConsumerReads(json, Topics.LIVE_AUDIENCE);
    }

    @Test
    void aMontageItStoresIsReadByMergeIngestAndAuthAsTheFixturesSay() {
        MontageSettings settings = Fixtures.MONTAGE_SETTINGS;
        MontageMembership membership = Fixtures.MONTAGE_MEMBERSHIP;
        montages.save(new Montage(settings.id(), settings.title(), membership.owner(), "Ann",
                membership.contributors(), List.of("Ann", "Bob"), Montage.Visibility.UNLISTED, "invite",
                membership.maxShotSeconds(), Instant.now(), settings.layout(), settings.transition(),
                settings.framing()));
        // The owner's cut, made in the editor from the montage's takes (as merge keeps them).
        List<String> takes = settings.edit().order();
        for (int i = 0; i < takes.size(); i++) {
            mongo.insert(new org.bson.Document("_id", takes.get(i)).append("montageId", settings.id())
                    .append("contributorId", takes.get(i).split("/")[1]).append("contributor", "Ann")
                    .append("firstPartition", 0).append("firstOffset", 10 - i).append("lastSequence", 1)
                    .append("seconds", 5.0),
                    MongoCollections.TAKES);
        }
        dev.montazz.security.CurrentUser owner = new dev.montazz.security.CurrentUser(membership.owner(), "Ann",
                List.of());
        editor.arrange(settings.id(), owner, takes.stream().map(dev.montazz.portal.edit.ShotIds::of).toList(),
                settings.edit().dropped().stream().map(dev.montazz.portal.edit.ShotIds::of).toList());
        settings.edit().trims().forEach(trim -> editor.trim(settings.id(), owner,
                dev.montazz.portal.edit.ShotIds.of(trim.takeId()), trim.startSeconds(), trim.endSeconds()));

        assertThat(mongo.findById(settings.id(), MontageSettings.class, MongoCollections.MONTAGES)).isEqualTo(settings);
        assertThat(mongo.findById(settings.id(), MontageMembership.class, MongoCollections.MONTAGES))
                .isEqualTo(membership);
    }
}
