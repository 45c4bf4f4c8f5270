package dev.montazz.portal.render;

import static dev.montazz.security.testing.TestUsers.api;
import static dev.montazz.security.testing.TestUsers.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.montazz.stack.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Progress events published by merge-service reach the pages watching them, and only pages allowed to. */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1, topics = {Topics.RENDER_PROGRESS, Topics.RENDER_REQUESTS})
class LiveProgressTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "portal-progress");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    ConsumerFactory<String, byte[]> consumers;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    JsonMapper json;

    private String montage;

    @BeforeEach
    void aPrivateMontageOfAnn() {
        montage = "m" + UUID.randomUUID().toString().substring(0, 8);
        mongo.insert(new Document("_id", montage).append("title", "Picnic").append("owner", "ann")
                .append("ownerName", "Ann").append("contributors", List.of("ann", "bob"))
                .append("visibility", "PRIVATE"), MongoCollections.MONTAGES);
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer("render-progress"), 1);
    }

    @Test
    void aSubscribedPageSeesProgressUpToTheFinishedFilm() throws Exception {
        MvcResult stream = mvc.perform(get("/progress").param("montage", montage).with(page("bob")))
                .andExpect(request().asyncStarted()).andReturn();
        MockHttpServletResponse response = stream.getResponse();

        publish(Map.of("montageId", montage, "status", "RENDERING", "percent", 40, "etaSeconds", 12,
                "stage", "Putting the film together", "at", java.time.Instant.now().toString()));
        publish(Map.of("montageId", "someone-elses", "status", "RENDERING", "percent", 90, "stage", "x",
                "at", java.time.Instant.now().toString()));
        publish(Map.of("montageId", montage, "status", "READY", "percent", 100, "stage", "Ready",
                "at", java.time.Instant.now().toString()));

        await().atMost(Duration.ofSeconds(20)).until(() -> response.getContentAsString().contains("READY"));
        String events = response.getContentAsString();
        assertThat(response.getContentType()).startsWith("text/event-stream");
        assertThat(events).contains("event:progress").contains("\"percent\":40").contains("\"etaSeconds\":12")
                .contains("Putting the film together").doesNotContain("someone-elses");
        assertThat(events.indexOf("\"percent\":40")).isLessThan(events.indexOf("\"percent\":100"));
    }

    @Test
    void aPageOpenedMidRenderStartsFromTheLatestProgress() throws Exception {
        publish(Map.of("montageId", montage, "status", "RENDERING", "percent", 63, "stage", "Preparing",
                "at", java.time.Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> mvc.perform(get("/montages/" + montage).with(page("ann")))
                .andReturn().getResponse().getContentAsString().contains("63 %"));

        MvcResult stream = mvc.perform(get("/progress").param("montage", montage).with(page("ann")))
                .andExpect(request().asyncStarted()).andReturn();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> stream.getResponse().getContentAsString().contains("\"percent\":63"));
    }

    @Test
    void aPageWhoseStreamOpensJustAfterTheRenderFinishedStillHearsOfIt() throws Exception {
        long pageGenerated = System.currentTimeMillis();
        publish(Map.of("montageId", montage, "status", "READY", "percent", 100, "stage", "Ready",
                "at", java.time.Instant.now().plusMillis(5).toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> mvc.perform(get("/progress").param("montage", montage)
                .param("since", String.valueOf(pageGenerated)).with(page("ann"))).andReturn().getResponse()
                .getContentAsString().contains("READY"));

        MvcResult later = mvc.perform(get("/progress").param("montage", montage)
                .param("since", String.valueOf(System.currentTimeMillis() + 1000)).with(page("ann")))
                .andExpect(request().asyncStarted()).andReturn();
        // A page generated after the render already shows its outcome: nothing to tell it.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> !later.getResponse().getContentAsString().contains("READY"));
    }

    @Test
    void progressOfAMontageSomeoneMayNotSeeIsNotFound() throws Exception {
        mvc.perform(get("/progress").param("montage", montage).with(page("eve"))).andExpect(status().isNotFound());
        mvc.perform(get("/progress").param("montage", montage)).andExpect(status().is3xxRedirection());
    }

    @Test
    void onlyTheOwnerAsksForARenderAndTheRequestReachesTheBroker() throws Exception {
        mvc.perform(post("/montages/" + montage + "/render").with(page("bob")).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/montages/" + montage + "/render").with(page("ann"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/montages/" + montage + "/render").with(api("bob")))
                .andExpect(status().isNotFound());

        java.util.Properties fromStart = new java.util.Properties();
        fromStart.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> requests = consumers.createConsumer("test-" + UUID.randomUUID(), null, null,
                fromStart)) {
            requests.subscribe(List.of(Topics.RENDER_REQUESTS));
            mvc.perform(post("/montages/" + montage + "/render").with(page("ann")).with(csrf()))
                    .andExpect(status().is3xxRedirection());
            mvc.perform(post("/api/montages/" + montage + "/render").with(api("ann")))
                    .andExpect(status().isAccepted());

            List<JsonNode> asked = new java.util.ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (asked.size() < 2 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : requests.poll(Duration.ofMillis(500))) {
                    if (montage.equals(record.key())) {
                        asked.add(json.readTree(record.value()));
                    }
                }
            }
            assertThat(asked).hasSize(2).allSatisfy(r -> {
                assertThat(r.get("montageId").asString()).isEqualTo(montage);
                assertThat(r.get("reason").asString()).contains("owner");
                assertThat(r.get("requestedAt").asString()).isNotBlank();
            });
        }
    }

    private void publish(Map<String, Object> event) throws Exception {
        kafka.send(Topics.RENDER_PROGRESS, (String) event.get("montageId"), json.writeValueAsBytes(event)).get();
    }

}
