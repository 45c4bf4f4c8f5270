package dev.montazz.portal.mail;

import static dev.montazz.security.testing.TestUsers.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.stack.LocalMail;
import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * While the SMTP server is away, an invitation is still answered at once (it waits in the outbox, tried again and again
 * with the reason kept); once the server is back, it arrives.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1)
class MailRetryTest {

    private static final int PORT = freePort();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "portal-mail-retry");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
        registry.add("montazz.mail.sweep-interval", () -> "100ms");
        registry.add("montazz.mail.first-retry", () -> "200ms");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aMessageTheServerCouldNotTakeIsSentOnceItIsBack() throws Exception {
        String guest = "guest-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String body = mvc.perform(post("/api/montages").with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"Retry\"}")).andReturn().getResponse().getContentAsString();
        String montage = body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        mvc.perform(post("/api/montages/" + montage + "/invitations").with(api("ann"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + guest + "\"}"))
                .andExpect(status().isAccepted());

        Document waiting = await().atMost(Duration.ofSeconds(20)).until(() -> about(montage),
                mail -> mail != null && mail.getInteger("attempts", 0) >= 2);
        assertThat(waiting.getString("lastError")).isNotBlank();

        try (LocalMail smtp = LocalMail.start(null, PORT)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> smtp.received().stream()
                    .anyMatch(mail -> mail.to().contains(guest)));
        }
        Document sent = await().atMost(Duration.ofSeconds(5)).until(() -> about(montage),
                mail -> mail.get("sentAt") != null);
        assertThat(sent.get("nextAttemptAt")).as("sent: due no more").isNull();
    }

    private Document about(String montage) {
        return mongo.findOne(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").regex(":" + montage + ":")),
                Document.class, MongoCollections.MAIL);
    }

    @Test
    void invitationsToADeletedMontageAreNotSent() throws Exception {
        String body = mvc.perform(post("/api/montages").with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"Gone\"}")).andReturn().getResponse().getContentAsString();
        String montage = body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        mvc.perform(post("/api/montages/" + montage + "/invitations").with(api("ann"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"cleo@example.org\"}"))
                .andExpect(status().isAccepted());
        assertThat(waitingAbout(montage)).isEqualTo(1);

        mvc.perform(delete("/api/montages/" + montage).with(api("ann"))).andExpect(status().isNoContent());

        assertThat(waitingAbout(montage)).isZero();
    }

    private long waitingAbout(String montage) {
        return mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").regex(":" + montage + ":")),
                MongoCollections.MAIL);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
