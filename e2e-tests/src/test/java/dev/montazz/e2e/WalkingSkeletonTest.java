package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform.Service;
import dev.montazz.stack.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The first real path: a WebM in chunks through ingest, Kafka and merge, out of the portal as a playable MP4. */
class WalkingSkeletonTest {

    private static Platform platform;
    private static Person ann;

    @TempDir
    Path dir;

    private long fence;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
        ann = Person.signUp(platform, "Ann");
    }

    @Test
    void aClipSentInChunksBecomesAPlayableMontage() throws Exception {
        String montage = createMontage(ann, "Skeleton <b>test</b>");
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, "ann", "red", 640, 480, 3.0, 440));
        String take = UUID.randomUUID().toString();
        fence = Api.takeTheFloor(platform, ann, montage);
        int chunkSize = 16 * 1024;
        int chunks = (clip.length + chunkSize - 1) / chunkSize;
        long previousOffset = -1;
        for (int seq = 0; seq < chunks; seq++) {
            byte[] chunk = Arrays.copyOfRange(clip, seq * chunkSize, Math.min(clip.length, (seq + 1) * chunkSize));
            HttpResponse<String> response = putChunk(ann, montage, take, seq, seq == chunks - 1, chunk);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode receipt = Http.tree(response);
            assertThat(receipt.get("duplicate").asBoolean()).isFalse();
            assertThat(receipt.get("offset").asLong()).isGreaterThan(previousOffset);
            previousOffset = receipt.get("offset").asLong();
        }
        HttpResponse<String> resent = putChunk(ann, montage, take, 0, false, Arrays.copyOf(clip, chunkSize));
        assertThat(Http.tree(resent).get("duplicate").asBoolean()).as("a re-sent chunk is stored once").isTrue();
        Api.finishTurn(platform, ann, montage, fence);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                Http.tree(Http.get(portal("/api/montages/" + montage), ann.bearer())).get("status").asString())
                .isEqualTo(RenderStatus.READY.name()));

        JsonNode shots = Http.tree(Http.get(portal("/api/montages/" + montage), ann.bearer())).at("/render/shots");
        assertThat(shots.get(0).get("contributor").asString()).isEqualTo("Ann");

        HttpResponse<byte[]> download = ann.browser().getBytes(portal("/montages/" + montage
                + "/video.mp4?download=true"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                value -> assertThat(value).startsWith("attachment").contains("Skeleton _b_test_b.mp4"));
        Path film = Files.write(dir.resolve("downloaded.mp4"), download.body());
        TestMedia.Probe probe = TestMedia.probe(film);
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.audioCodec()).isEqualTo("aac");
        // The default film format: 960x540, a 2.5 s title card, then the 640x480 take pillarboxed.
        assertThat(probe.width()).isEqualTo(960);
        assertThat(probe.height()).isEqualTo(540);
        assertThat(probe.durationSeconds()).isCloseTo(2.5 + 3.0, within(0.2));
        assertThat(shots.get(0).get("offsetSeconds").asDouble()).isEqualTo(2.5);
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, 2.5 + 1.5), 0)).isTrue();

        HttpResponse<byte[]> range = ann.browser().getBytes(portal("/montages/" + montage + "/video.mp4"),
                "Range", "bytes=100-199");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).containsExactly(Arrays.copyOfRange(download.body(), 100, 200));

        String page = ann.browser().get(portal("/")).body();
        assertThat(page).contains("Skeleton &lt;b&gt;test&lt;/b&gt;").doesNotContain("<b>test</b>");
        try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
            long stored = mongo.getDatabase("montazz").getCollection(MongoCollections.CHUNKS)
                    .countDocuments(Filters.eq("montageId", montage));
            assertThat(stored).isEqualTo(chunks);
        }
    }

    @Test
    void badChunksGetClearAnswersAndNothingIsStored() throws Exception {
        String montage = createMontage(ann, "Refusals");
        String take = UUID.randomUUID().toString();
        fence = Api.takeTheFloor(platform, ann, montage);
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, "bob", "blue", 320, 240, 1.0, 0));

        HttpResponse<String> notVideo = putChunk(ann, montage, take, 0, true, "hello, world".getBytes());
        assertThat(notVideo.statusCode()).isEqualTo(415);
        assertThat(Http.tree(notVideo).get("detail").asString()).contains("WebM or MP4");

        HttpResponse<String> tooLarge = putChunk(ann, montage, take, 0, true, new byte[5 * 1024 * 1024]);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(Http.tree(tooLarge).get("detail").asString()).contains("at most");

        HttpResponse<String> unknown = putChunk(ann, "no-such-montage", take, 0, true, clip);
        Api.finishTurn(platform, ann, montage, fence);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.tree(unknown).get("detail").asString()).contains("no-such-montage");

        try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
            assertThat(mongo.getDatabase("montazz").getCollection(MongoCollections.CHUNKS)
                    .countDocuments(Filters.eq("montageId", montage))).isZero();
            assertThat(mongo.getDatabase("montazz").getCollection(MongoCollections.TAKES)
                    .countDocuments(Filters.eq("montageId", montage))).isZero();
        }
    }

    private static String createMontage(Person owner, String title) throws Exception {
        return Api.createMontage(platform, owner, title);
    }

    private HttpResponse<String> putChunk(Person person, String montage, String take, int seq, boolean last,
            byte[] data) throws Exception {
        return Api.putChunk(platform, person, montage, take, seq, last, fence, data);
    }

    private static String portal(String path) {
        return platform.url(Service.PORTAL) + path;
    }
}
