package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.montazz.contract.MongoCollections;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform.Service;
import dev.montazz.stack.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A contributor streams one shot while merge-service, then ingest-service, is killed (kill -9) and started again. The
 * turn is the holder's as long as they keep trying, not the platform's to lose: the same take goes on with the same
 * fence, a second person waiting never gets the floor meanwhile, and the film holds the whole shot, every chunk once.
 */
class PlatformRestartTest {

    private static final int CHUNKS = 16;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    static Path dir;

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void aShotGoesOnThroughAMergeAndAnIngestCrashWithNothingLostOrDoubled() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        Person bob = Person.signUp(platform, "Bob");
        String montage = Api.createMontage(platform, ann, "Outage " + UUID.randomUUID());
        Api.invite(platform, ann, bob, montage);
        long fence = Api.takeTheFloor(platform, ann, montage);
        HttpResponse<String> bobJoined = Http.postJson(platform.url(Service.INGEST) + "/api/montages/" + montage
                + "/floor/join", bob.bearer(), Map.of());
        assertThat(Http.tree(bobJoined).get("place").asInt()).as("Bob waits for his turn").isEqualTo(1);

        Path clip = dir.resolve("shot.webm");
        TestMedia.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=" + CHUNKS, "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000:d=" + CHUNKS, "-c:v", "libvpx", "-b:v", "500k", "-deadline",
                "realtime", "-cpu-used", "8", "-c:a", "libopus", clip.toString()));
        byte[] bytes = Files.readAllBytes(clip);
        int size = (bytes.length + CHUNKS - 1) / CHUNKS;
        String take = UUID.randomUUID().toString();
        List<CompletableFuture<Void>> restarts = new ArrayList<>();
        for (int seq = 0; seq < CHUNKS; seq++) {
            if (seq == 4) {
                restarts.add(crashAndRestart(Service.MERGE));
            }
            if (seq == 10) {
                restarts.add(crashAndRestart(Service.INGEST));
            }
            byte[] chunk = Arrays.copyOfRange(bytes, seq * size, Math.min(bytes.length, (seq + 1) * size));
            HttpResponse<String> answer = Api.putChunkUntilAnswered(platform, ann, montage, take, seq,
                    seq == CHUNKS - 1, fence, chunk, PATIENCE);
            assertThat(answer.statusCode()).as("chunk %d: %s", seq, answer.body()).isEqualTo(200);
        }
        for (CompletableFuture<Void> restart : restarts) {
            restart.get(3, TimeUnit.MINUTES);
        }
        JsonNode bobsView = Http.tree(Http.get(platform.url(Service.INGEST) + "/api/montages/" + montage + "/floor",
                bob.bearer()));
        assertThat(bobsView.get("place").asInt()).as("Ann's turn never passed to Bob during the outages")
                .isEqualTo(1);
        Api.finishTurn(platform, ann, montage, fence);

        JsonNode ready = Api.awaitReady(platform, ann, montage, PATIENCE);
        assertThat(ready.at("/render/shots").size()).as("one shot: the take went on").isEqualTo(1);
        assertThat(ready.at("/render/shots/0/durationSeconds").asDouble()).as("the whole shot is in the film")
                .isCloseTo(CHUNKS, within(0.5));
        try (MongoClient client = MongoClients.create(platform.mongoUri())) {
            String database = platform.mongoUri().replaceAll(".*/([^/?]+).*", "$1");
            assertThat(client.getDatabase(database).getCollection(MongoCollections.CHUNKS)
                    .countDocuments(Filters.eq("montageId", montage))).as("every chunk stored once").isEqualTo(CHUNKS);
        }
    }

    private static CompletableFuture<Void> crashAndRestart(Service service) throws InterruptedException {
        platform.crash(service);
        return CompletableFuture.runAsync(() -> {
            try {
                platform.restart(service);
            } catch (Exception e) {
                throw new IllegalStateException("Could not start " + service + " again", e);
            }
        });
    }
}
