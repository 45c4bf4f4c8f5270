package dev.montazz.ingest.live;

import static dev.montazz.security.testing.TestUsers.api;
import static dev.montazz.security.testing.TestUsers.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.testing.TestChunks;
import dev.montazz.ingest.RealInfrastructureTest;
import dev.montazz.live.LiveFeed;
import dev.montazz.security.testing.ServerSentEvents;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live montage on a real broker: chunks acknowledged to the one on air reach everyone watching as server-sent
 * events (a take's initialisation segment, then its bytes in order), a viewer arriving mid-shot starts at the latest
 * segment start, the end of a take is told, and a montage one may not watch is a 404.
 */
class StudioLiveTest extends RealInfrastructureTest {

    private static final byte[] FIRST = TestChunks.webm();

    private final JsonMapper json = JsonMapper.builder().build();
    private final String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    private LiveFeed feed;

    @BeforeEach
    void montageOfThree() {
        mongo.insert(new Document("_id", montage).append("title", "Live").append("contributors",
                List.of("ann", "bob", "cleo")), MongoCollections.MONTAGES);
    }

    @Test
    void watchersGetTheTakeAsItIsRecordedAndLateComersStartAtTheLatestSegment() throws Exception {
        MockHttpServletResponse bob = watch("bob");
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.watching(montage) == 1);
        long fence = json.readTree(mvc.perform(post("/api/montages/" + montage + "/floor/join").with(api("ann")))
                .andReturn().getResponse().getContentAsString()).get("fence").asLong();
        String take = UUID.randomUUID().toString();
        byte[] second = TestChunks.concat(new byte[] {9, 9, 9}, cluster(7));
        byte[] third = new byte[] {5, 5, 5, 5};

        send(take, 0, fence, false, FIRST);
        send(take, 1, fence, false, second);
        List<JsonNode> seen = await().atMost(Duration.ofSeconds(20)).until(() -> events(bob, "media"),
                media -> media.size() == 2);
        JsonNode begun = events(bob, "take").get(0);
        int initEnd = indexOf(FIRST, cluster(0));
        assertThat(begun.get("contributor").asString()).isEqualTo("Ann");
        assertThat(begun.get("mimeType").asString()).isEqualTo("video/webm;codecs=\"vp8,opus\"");
        assertThat(bytes(begun.get("init"))).isEqualTo(java.util.Arrays.copyOf(FIRST, initEnd));
        assertThat(bytes(seen.get(0).get("data"))).isEqualTo(java.util.Arrays.copyOfRange(FIRST, initEnd,
                FIRST.length));
        assertThat(bytes(seen.get(1).get("data"))).isEqualTo(second);

        MockHttpServletResponse cleo = watch("cleo");
        List<JsonNode> late = await().atMost(Duration.ofSeconds(10)).until(() -> events(cleo, "media"),
                media -> !media.isEmpty());
        assertThat(bytes(events(cleo, "take").get(0).get("init"))).as("the same initialisation segment")
                .isEqualTo(java.util.Arrays.copyOf(FIRST, initEnd));
        assertThat(events(cleo, "take").get(0).get("midway").asBoolean()).isTrue();
        assertThat(begun.get("midway").asBoolean()).isFalse();
        assertThat(bytes(late.get(0).get("data"))).as("from the latest segment start").isEqualTo(cluster(7));

        send(take, 2, fence, true, third);
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(bob, "ended").isEmpty()
                && !events(cleo, "ended").isEmpty());
        assertThat(bytes(events(cleo, "media").get(1).get("data"))).isEqualTo(third);
        assertThat(events(bob, "viewers")).extracting(v -> v.get("count").asInt()).contains(1, 2);
        assertThat(feed.watching(montage)).isEqualTo(2);
    }

    @Test
    void aMontageOneMayNotWatchIsA404() throws Exception {
        mvc.perform(get("/api/montages/" + montage + "/live").with(api("mallory"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/montages/no-such/live").with(api("ann"))).andExpect(status().isNotFound());
        mvc.perform(get("/studio/montages/" + montage + "/live").with(page("mallory")))
                .andExpect(status().isNotFound());
    }

    private MockHttpServletResponse watch(String who) throws Exception {
        return mvc.perform(get("/studio/montages/" + montage + "/live").with(page(who)))
                .andExpect(request().asyncStarted()).andReturn().getResponse();
    }

    private void send(String take, int sequence, long fence, boolean last, byte[] data) throws Exception {
        mvc.perform(put("/api/montages/" + montage + "/takes/" + take + "/chunks/" + sequence + "?fence=" + fence
                + "&last=" + last).with(api("ann")).content(data)).andExpect(status().isOk());
    }

    /** The data of every event with this name in the stream so far, in order. */
    private List<JsonNode> events(MockHttpServletResponse stream, String name) throws Exception {
        return ServerSentEvents.data(stream.getContentAsString(), name).stream().map(json::readTree).toList();
    }

    /** The start of a Cluster (unknown size, as MediaRecorder writes it) with a Timecode. */
    private static byte[] cluster(int timecode) {
        return TestChunks.concat(new byte[] {0x1F, 0x43, (byte) 0xB6, 0x75, 0x01, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, new byte[] {(byte) 0xE7, (byte) 0x81,
                (byte) timecode});
    }

    private static byte[] bytes(JsonNode base64) {
        return Base64.getDecoder().decode(base64.asString());
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
