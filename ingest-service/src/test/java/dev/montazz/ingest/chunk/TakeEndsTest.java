package dev.montazz.ingest.chunk;

import static dev.montazz.security.testing.TestUsers.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.ingest.MergeStandIn;
import dev.montazz.ingest.RealInfrastructureTest;
import dev.montazz.ingest.floor.Floor;
import dev.montazz.contract.testing.TestChunks;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The end marker of a take cut off mid-shot is published off the thread that cut it off: a request that passes the
 * turn on answers at once even while merge-service is slow to confirm the marker, and the marker still arrives.
 */
class TakeEndsTest extends RealInfrastructureTest {

    private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(6);

    @DynamicPropertySource
    static void onlyRequestsPassTurnsOn(DynamicPropertyRegistry registry) {
        registry.add("montazz.floor.lease", () -> "1s");
        registry.add("montazz.floor.countdown", () -> "0s");
        // No sweeper in this test: the turn passes on in Bob's request.
        registry.add("montazz.floor.sweep-interval", () -> "1h");
        registry.add("montazz.ingest.receipt-timeout", () -> RECEIPT_TIMEOUT.toSeconds() + "s");
    }

    @Test
    void theRequestThatCutsATakeOffDoesNotWaitForItsEndMarker() throws Exception {
        String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);
        mongo.insert(new Document("_id", montage).append("title", "Cut").append("contributors", List.of("ann", "bob")),
                MongoCollections.MONTAGES);
        long fence = Long.parseLong(mvc.perform(post("/api/montages/" + montage + "/floor/join").with(api("ann")))
                .andReturn().getResponse().getContentAsString().replaceAll(".*\"fence\":(\\d+).*", "$1"));
        // A take merge never confirms (as when it is away): Ann's chunk is recorded on the floor, then times out.
        String take = MergeStandIn.SILENT + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(put("/api/montages/" + montage + "/takes/" + take + "/chunks/0?fence=" + fence).with(api("ann"))
                .content(TestChunks.webm())).andExpect(status().isServiceUnavailable());
        Thread.sleep(1_500); // past Ann's lease

        long started = System.nanoTime();
        mvc.perform(post("/api/montages/" + montage + "/floor/join").with(api("bob")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.youAreOnAir").value(true));
        Duration joining = Duration.ofNanos(System.nanoTime() - started);

        assertThat(joining).as("Bob's join, which cut Ann's take off").isLessThan(RECEIPT_TIMEOUT.dividedBy(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> merge.records(take).size() == 2);
        assertThat(merge.records(take).get(1).value()).isEmpty();
        assertThat(MergeStandIn.header(merge.records(take).get(1), ChunkHeaders.LAST)).isEqualTo("true");
        assertThat(mongo.findById(montage, Floor.class).pendingEnds()).as("unconfirmed, so still to be sent again")
                .extracting(Floor.OpenTake::takeId).containsExactly(take);
    }
}
