package dev.montazz.portal.mail;

import static dev.montazz.security.testing.TestUsers.api;
import static dev.montazz.security.testing.TestUsers.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.Topics;
import dev.montazz.contract.render.RenderProgress;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.stack.LocalMail;
import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * E-mail through a real SMTP server (the local stack's embedded one): an owner's invitation and the news that a film is
 * ready arrive with links that work, bad addresses and strangers are refused, and nothing is sent twice.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1, topics = Topics.RENDER_PROGRESS)
class MailTest {

    private static final LocalMail smtp = LocalMail.start(null, 0);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "portal-mail");
        registry.add("spring.mail.host", smtp::host);
        registry.add("spring.mail.port", smtp::port);
        registry.add("montazz.mail.sweep-interval", () -> "200ms");
        registry.add("montazz.security.public-url", () -> "http://portal.example");
    }

    @AfterAll
    static void stop() {
        smtp.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JsonMapper json;

    private final String guest = "guest-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

    @Test
    void anInvitationArrivesOnceAndItsLinkLetsTheGuestJoin() throws Exception {
        String montage = create("Summer at the lake", "ann");

        invite(montage, "ann", guest).andExpect(status().isAccepted()).andExpect(jsonPath("$.invited").value(guest));
        invite(montage, "ann", guest).andExpect(status().isAccepted());

        LocalMail.Mail mail = await().atMost(Duration.ofSeconds(20)).until(() -> to(guest), mails -> !mails.isEmpty())
                .get(0);
        assertThat(mail.subject()).isEqualTo("Ann invites you to \"Summer at the lake\" on Montazz");
        String link = link(mail.text(), "http://portal.example(/join/\\S+)");
        mvc.perform(get(link).with(page("bob"))).andExpect(status().isOk());
        mvc.perform(post(link).with(page("bob")).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(mongo.findById(montage, Document.class, MongoCollections.MONTAGES).getList("contributors",
                String.class)).contains("bob");
        // Asked again once the first was sent (its outbox entry done): still the same invitation, not a second one.
        invite(montage, "ann", guest).andExpect(status().isAccepted());
        Thread.sleep(1_000);
        assertThat(to(guest)).as("the same address, the same day: one invitation").hasSize(1);
    }

    @Test
    void theSameNewsRedeliveredAfterItWasSentIsNotSentAgain() throws Exception {
        String montage = create("Lantern walk", "ann");
        String cleo = "cleo" + UUID.randomUUID().toString().substring(0, 6);
        String cleoMail = cleo + "@example.org";
        account(cleo, cleoMail);
        mongo.getCollection(MongoCollections.MONTAGES).updateOne(new Document("_id", montage),
                new Document("$push", new Document("contributors", cleo)));
        RenderProgress ready = new RenderProgress(montage, RenderStatus.READY, 100, null, "Ready", null,
                Instant.now());

        kafka.send(Topics.RENDER_PROGRESS, montage, json.writeValueAsBytes(ready)).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> to(cleoMail).size() == 1);
        kafka.send(Topics.RENDER_PROGRESS, montage, json.writeValueAsBytes(ready)).get();

        Thread.sleep(1_500);
        assertThat(to(cleoMail)).as("the news came again after the message went out").hasSize(1);
    }

    @Test
    void sentMessagesAreForgottenOnceTheyAreOlderThanRememberSent() {
        String old = "invitation:gone:" + guest + ":2026-01-01";
        String recent = "invitation:kept:" + guest + ":2026-12-05";
        for (String id : List.of(old, recent)) {
            Instant sentAt = id.equals(old) ? Instant.now().minus(Duration.ofDays(4)) : Instant.now().minusSeconds(60);
            mongo.insert(new Document("_id", id).append("to", guest).append("subject", "s").append("text", "t")
                    .append("sender", "ann").append("attempts", 0).append("sentAt", sentAt), MongoCollections.MAIL);
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> mongo.findById(old, Document.class, MongoCollections.MAIL) == null);
        assertThat(mongo.findById(recent, Document.class, MongoCollections.MAIL)).isNotNull();
        assertThat(to(guest)).as("sent ones are never sent again").isEmpty();
    }

    @Test
    void badAddressesAndStrangersAreRefusedAndNothingIsSent() throws Exception {
        String montage = create("Private", "ann");

        for (String bad : new String[] {"not-an-address", "ann@localhost", "a@b.c\r\nBcc: x@example.org"}) {
            invite(montage, "ann", bad).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value("This is not an e-mail address (like ann@example.org)"));
        }
        invite(montage, "mallory", guest).andExpect(status().isNotFound());
        invite("no-such-montage", "ann", guest).andExpect(status().isNotFound());

        Thread.sleep(1_000);
        assertThat(to(guest)).isEmpty();
        assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").regex(":" + montage + ":")),
                MongoCollections.MAIL)).as("nothing waits in the outbox").isZero();
    }

    @Test
    void everyContributorIsToldOnceWhenTheFilmIsReadyWithALinkToIt() throws Exception {
        String montage = create("Picnic", "ann");
        String annMail = "ann-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String cleoMail = "cleo-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String cleo = "cleo" + UUID.randomUUID().toString().substring(0, 6);
        account("ann", annMail);
        account(cleo, cleoMail);
        mongo.getCollection(MongoCollections.MONTAGES).updateOne(new Document("_id", montage),
                new Document("$push", new Document("contributors", cleo)));

        RenderProgress ready = new RenderProgress(montage, RenderStatus.READY, 100, null, "Ready", null,
                Instant.now());
        kafka.send(Topics.RENDER_PROGRESS, montage, json.writeValueAsBytes(ready)).get();
        kafka.send(Topics.RENDER_PROGRESS, montage, json.writeValueAsBytes(ready)).get();

        LocalMail.Mail toCleo = await().atMost(Duration.ofSeconds(30)).until(() -> to(cleoMail), mails -> !mails.isEmpty())
                .get(0);
        assertThat(toCleo.subject()).isEqualTo("The film of \"Picnic\" is ready");
        mvc.perform(get(link(toCleo.text(), "http://portal.example(/montages/\\S+)")).with(page(cleo)))
                .andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(10)).until(() -> to(annMail).size() == 1);
        Thread.sleep(1_000);
        assertThat(to(cleoMail)).as("one film, one message, however often the news came").hasSize(1);
    }

    @Test
    void aContributorAskedForARetakeIsToldByMailWithTheStudioLink() throws Exception {
        String montage = create("Second try", "ann");
        String bob = "bob" + UUID.randomUUID().toString().substring(0, 6);
        String bobMail = bob + "@example.org";
        account(bob, bobMail);
        mongo.getCollection(MongoCollections.MONTAGES).updateOne(new Document("_id", montage),
                new Document("$push", new Document("contributors", bob)));
        String take = montage + "/" + bob + "/1";
        mongo.insert(new Document("_id", take).append("montageId", montage).append("contributorId", bob)
                .append("contributor", "Bob").append("startedAt", Instant.now()).append("firstPartition", 0)
                .append("firstOffset", 1).append("lastSequence", 2).append("seconds", 3.0), MongoCollections.TAKES);

        mvc.perform(post("/api/montages/" + montage + "/shots/" + dev.montazz.portal.edit.ShotIds.of(take)
                + "/retake").with(api("ann", "Ann"))).andExpect(status().isOk());

        LocalMail.Mail mail = await().atMost(Duration.ofSeconds(20)).until(() -> to(bobMail), m -> !m.isEmpty())
                .get(0);
        assertThat(mail.subject()).isEqualTo("Ann asks you to record your shot in \"Second try\" again");
        assertThat(mail.text()).contains("/montages/" + montage + "/studio");
    }

    private void account(String username, String email) {
        mongo.insert(new Document("username", username).append("displayName", username).append("email", email),
                MongoCollections.ACCOUNTS);
    }

    private String create(String title, String owner) throws Exception {
        String body = mvc.perform(post("/api/montages").with(api(owner)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"" + title + "\"}")).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("id").asString();
    }

    private org.springframework.test.web.servlet.ResultActions invite(String montage, String owner, String email)
            throws Exception {
        return mvc.perform(post("/api/montages/" + montage + "/invitations").with(api(owner))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(java.util.Map.of("email", email))));
    }

    private static List<LocalMail.Mail> to(String address) {
        return smtp.received().stream().filter(mail -> mail.to().contains(address)).toList();
    }

    private static String link(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertThat(matcher.find()).as("a link in %s", text).isTrue();
        return matcher.group(1);
    }
}
