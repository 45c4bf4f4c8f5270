package dev.montazz.portal.montage;

import static dev.montazz.security.testing.TestUsers.api;
import static dev.montazz.security.testing.TestUsers.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.montazz.contract.Topics;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.live.LiveAudience;
import dev.montazz.contract.testing.TestChunks;
import dev.montazz.security.testing.ServerSentEvents;
import dev.montazz.stack.TestInfrastructure;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The watch page's live montage, served by the portal's own feed of the chunk stream: whoever may watch the montage
 * (anyone signed in, for an unlisted one) gets the shot on air as it is recorded and its end; whoever may not gets a
 * 404; deleting the montage ends every live stream of it.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1, topics = {Topics.CHUNKS, Topics.MONTAGE_DELETIONS, Topics.ACCOUNT_DELETIONS,
        Topics.LIVE_AUDIENCE})
class WatchLiveTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "portal-live");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final JsonMapper json = JsonMapper.builder().build();
    private String montage;

    @BeforeEach
    void anUnlistedMontageOfAnn() throws Exception {
        String body = mvc.perform(post("/api/montages").with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"Street party\"}")).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        montage = json.readTree(body).get("id").asString();
        for (String listener : List.of("live-feed", "live-montage-deletions", "live-account-deletions",
                "live-audience")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var assigned = listeners.getListenerContainer(listener).getAssignedPartitions();
                return assigned != null && !assigned.isEmpty();
            });
        }
    }

    @Test
    void anyoneWhoMayWatchSeesTheShotOnAirAndItsEnd() throws Exception {
        unlisted();
        mvc.perform(get("/montages/" + montage).with(page("zoe", "Zoe"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-live=\"/montages/" + montage + "/live\"")))
                .andExpect(content().string(containsString("/js/live-player.js")))
                .andExpect(content().string(not(containsString("id=\"studio\""))));
        MockHttpServletResponse zoe = watch(page("zoe", "Zoe"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !events(zoe, "viewers").isEmpty());

        byte[] first = TestChunks.webm();
        chunk("take-1", 0, false, first);
        chunk("take-1", 1, false, new byte[] {7, 7, 7});
        chunk("take-1", 2, true, new byte[] {8, 8});

        await().atMost(Duration.ofSeconds(20)).until(() -> !events(zoe, "ended").isEmpty());
        JsonNode take = events(zoe, "take").get(0);
        assertThat(take.get("contributor").asString()).isEqualTo("Ann");
        assertThat(take.get("takeId").asString()).doesNotContain("ann");
        assertThat(take.get("midway").asBoolean()).as("watching from the take's start").isFalse();
        List<JsonNode> media = events(zoe, "media");
        assertThat(media).hasSize(3);
        assertThat(Base64.getDecoder().decode(media.get(1).get("data").asString())).containsExactly(7, 7, 7);
        assertThat(media.get(2).get("capturedAt").asLong()).isEqualTo(1_700_000_002_000L);

        // Four more watch on another instance (the studios on ingest, say): Zoe is shown everyone.
        kafka.send(Topics.LIVE_AUDIENCE, montage, json.writeValueAsBytes(new LiveAudience(montage, "another-instance",
                4, Instant.now()))).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<JsonNode> counts = events(zoe, "viewers");
            return counts.get(counts.size() - 1).get("count").asInt() == 5;
        });
    }

    @Test
    void aMontageOneMayNotWatchIsA404() throws Exception {
        mvc.perform(get("/montages/" + montage + "/live").with(page("zoe", "Zoe"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/montages/" + montage + "/live").with(api("zoe"))).andExpect(status().isNotFound());
        mvc.perform(get("/montages/no-such-montage/live").with(page("ann", "Ann"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/montages/" + montage + "/live").with(api("ann"))).andExpect(request().asyncStarted());
        mvc.perform(get("/montages/" + montage + "/live")).andExpect(status().is3xxRedirection());
    }

    @Test
    void deletingTheMontageEndsEveryLiveStreamOfIt() throws Exception {
        unlisted();
        MvcResult stream = mvc.perform(get("/montages/" + montage + "/live").with(page("zoe", "Zoe")))
                .andExpect(request().asyncStarted()).andReturn();
        MockHttpServletResponse zoe = stream.getResponse();
        chunk("take-2", 0, false, TestChunks.webm());
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(zoe, "take").isEmpty());

        mvc.perform(delete("/api/montages/" + montage).with(api("ann"))).andExpect(status().isNoContent());

        stream.getAsyncResult(20_000);   // throws unless the stream ended
        chunk("take-2", 1, false, new byte[] {1});
        assertThat(events(zoe, "media")).hasSize(1);
    }

    private void unlisted() throws Exception {
        mvc.perform(patch("/api/montages/" + montage).with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"visibility\":\"UNLISTED\"}")).andExpect(status().isOk());
    }

    private MockHttpServletResponse watch(org.springframework.test.web.servlet.request.RequestPostProcessor who)
            throws Exception {
        return mvc.perform(get("/montages/" + montage + "/live").with(who)).andExpect(request().asyncStarted())
                .andReturn().getResponse();
    }

    /** A chunk as ingest publishes it once the one on air sent it, captured a second after the one before. */
    private void chunk(String take, int sequence, boolean last, byte[] data) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CHUNKS, montage, data);
        header(record, ChunkHeaders.MONTAGE, montage);
        header(record, ChunkHeaders.TAKE, take);
        header(record, ChunkHeaders.SEQUENCE, String.valueOf(sequence));
        header(record, ChunkHeaders.LAST, String.valueOf(last));
        header(record, ChunkHeaders.CONTRIBUTOR_ID, "ann");
        header(record, ChunkHeaders.CONTRIBUTOR, "Ann");
        header(record, ChunkHeaders.CAPTURED_AT, String.valueOf(1_700_000_000_000L + sequence * 1000L));
        if (sequence == 0) {
            header(record, ChunkHeaders.CONTAINER, "webm");
        }
        kafka.send(record).get();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The data of every event with this name in the stream so far, in order. */
    private List<JsonNode> events(MockHttpServletResponse stream, String name) throws Exception {
        return ServerSentEvents.data(stream.getContentAsString(), name).stream().map(json::readTree).toList();
    }
}
