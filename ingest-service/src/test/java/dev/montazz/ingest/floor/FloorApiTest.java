package dev.montazz.ingest.floor;

import static dev.montazz.security.testing.TestUsers.api;
import static dev.montazz.security.testing.TestUsers.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.ingest.MergeStandIn;
import dev.montazz.ingest.RealInfrastructureTest;
import dev.montazz.contract.testing.TestChunks;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turn-taking through the real API on a real broker and MongoDB-wire server, with a one-second lease. */
class FloorApiTest extends RealInfrastructureTest {

    private static final byte[] WEBM_HEAD = TestChunks.webm();

    @DynamicPropertySource
    static void oneSecondLease(DynamicPropertyRegistry registry) {
        registry.add("montazz.floor.lease", () -> "1s");
        registry.add("montazz.floor.countdown", () -> "0s");
        registry.add("montazz.floor.sweep-interval", () -> "200ms");
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void montageWithThreeContributors() {
        mongo.insert(new Document("_id", montage).append("title", "Turns").append("maxShotSeconds", 30)
                .append("contributors", List.of("ann", "bob", "cleo")), MongoCollections.MONTAGES);
    }

    @Test
    void contributorsTakeTurnsFirstComeFirstServed() throws Exception {
        JsonNode ann = join("ann");
        JsonNode bob = join("bob");
        assertThat(ann.get("youAreOnAir").asBoolean()).isTrue();
        assertThat(bob.get("place").asInt()).isEqualTo(1);
        assertThat(bob.get("onAir").asString()).isEqualTo("Ann");
        assertThat(bob.get("estimatedWaitSeconds").asLong()).isPositive();
        assertThat(bob.has("fence") && !bob.get("fence").isNull()).as("only the holder learns the fence").isFalse();

        String bobTake = UUID.randomUUID().toString();
        mvc.perform(put(chunk(bobTake, 0, ann.get("fence").asLong())).with(api("bob")).content(WEBM_HEAD))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("Ann has the floor now; you are number 1 in the queue"));

        String annTake = UUID.randomUUID().toString();
        long annFence = ann.get("fence").asLong();
        for (int seq = 0; seq < 3; seq++) {
            mvc.perform(put(chunk(annTake, seq, annFence) + (seq == 2 ? "&last=true" : "")).with(api("ann"))
                    .content(WEBM_HEAD)).andExpect(status().isOk());
        }
        mvc.perform(post("/api/montages/" + montage + "/floor/finish?fence=" + annFence).with(api("ann")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.onAir").value("Bob"));

        JsonNode bobNow = view("bob");
        assertThat(bobNow.get("youAreOnAir").asBoolean()).isTrue();
        assertThat(bobNow.get("fence").asLong()).isGreaterThan(annFence);
        mvc.perform(put(chunk(bobTake, 0, bobNow.get("fence").asLong())).with(api("bob")).content(WEBM_HEAD))
                .andExpect(status().isOk());
        mvc.perform(put(chunk(annTake, 3, annFence)).with(api("ann")).content(WEBM_HEAD))
                .andExpect(status().isConflict());

        assertThat(merge.records(annTake)).extracting(r -> MergeStandIn.header(r, ChunkHeaders.SEQUENCE))
                .containsExactly("0", "1", "2");
        assertThat(merge.records(bobTake)).hasSize(1);
    }

    @Test
    void aSilentHolderLosesTheTurnTheNextIsToldAndTheCutTakeIsEnded() throws Exception {
        long annFence = join("ann").get("fence").asLong();
        join("bob");
        MockHttpServletResponse bobsPage = mvc.perform(get("/studio/montages/" + montage + "/floor/events")
                .with(page("bob", "Bob"))).andExpect(request().asyncStarted()).andReturn().getResponse();
        String annTake = UUID.randomUUID().toString();
        for (int seq = 0; seq < 2; seq++) {
            mvc.perform(put(chunk(annTake, seq, annFence)).with(api("ann")).content(WEBM_HEAD))
                    .andExpect(status().isOk());
        }

        // Ann's tab closes: no more chunks, no finish.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bobsPage.getContentAsString())
                .contains("\"youAreOnAir\":true"));
        assertThat(view("bob").get("youAreOnAir").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> merge.records(annTake).size() == 3);
        ConsumerRecord<String, byte[]> end = merge.records(annTake).get(2);
        assertThat(end.value()).isEmpty();
        assertThat(MergeStandIn.header(end, ChunkHeaders.LAST)).isEqualTo("true");
        assertThat(MergeStandIn.header(end, ChunkHeaders.SEQUENCE)).isEqualTo("2");

        mvc.perform(put(chunk(annTake, 2, annFence)).with(api("ann")).content(WEBM_HEAD))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value("Your turn ended because nothing "
                        + "arrived from you for longer than the lease. Bob has the floor now; join the queue to record"));
    }

    @Test
    void gapsAreRefusedWithTheExpectedNumberAndReSendsAreStoredOnce() throws Exception {
        long fence = join("cleo").get("fence").asLong();
        String take = UUID.randomUUID().toString();
        mvc.perform(put(chunk(take, 0, fence)).with(api("cleo")).content(WEBM_HEAD)).andExpect(status().isOk());
        mvc.perform(put(chunk(take, 2, fence)).with(api("cleo")).content(WEBM_HEAD))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.expectedSequence").value(1));
        mvc.perform(put(chunk(take, 0, fence)).with(api("cleo")).content(WEBM_HEAD)).andExpect(status().isOk())
                .andExpect(jsonPath("$.duplicate").value(true));
        mvc.perform(put(chunk(take, 1, fence)).with(api("cleo")).content(WEBM_HEAD)).andExpect(status().isOk());
        assertThat(merge.records(take)).hasSize(2);
    }

    @Test
    void onlyContributorsMayQueue() throws Exception {
        mvc.perform(post("/api/montages/" + montage + "/floor/join").with(api("mallory")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/montages/nope/floor/join").with(api("ann"))).andExpect(status().isNotFound());
        mvc.perform(post("/api/montages/" + montage + "/floor/join")).andExpect(status().isUnauthorized());
    }

    private JsonNode join(String who) throws Exception {
        return json.readTree(mvc.perform(post("/api/montages/" + montage + "/floor/join").with(api(who)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private JsonNode view(String who) throws Exception {
        return json.readTree(mvc.perform(get("/api/montages/" + montage + "/floor").with(api(who)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private String chunk(String take, int seq, long fence) {
        return "/api/montages/" + montage + "/takes/" + take + "/chunks/" + seq + "?fence=" + fence;
    }

}
