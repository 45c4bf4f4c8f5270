package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform.Service;
import dev.montazz.stack.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * merge-service killed in the middle of a render (no shutdown, as a power cut would): nothing half-made is visible, and
 * once it is back the render is done again from the kept chunks and every acknowledged chunk is in the film.
 */
class MergeCrashTest {

    private static final int SECONDS = 40;

    @TempDir
    static Path dir;

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void aRenderCutShortByACrashIsRedoneAndShowsNothingHalfMade() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        String montage = Api.createMontage(platform, ann, "Crash " + UUID.randomUUID());
        Path clip = dir.resolve("long.webm");
        TestMedia.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=s=640x480:r=25:d=" + SECONDS, "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000:d=" + SECONDS, "-c:v", "libvpx", "-b:v", "1M", "-deadline",
                "realtime", "-cpu-used", "8", "-c:a", "libopus", clip.toString()));
        byte[] bytes = Files.readAllBytes(clip);
        long fence = Api.takeTheFloor(platform, ann, montage);
        String take = UUID.randomUUID().toString();
        int size = (bytes.length + SECONDS - 1) / SECONDS;
        for (int seq = 0; seq < SECONDS; seq++) {
            byte[] chunk = Arrays.copyOfRange(bytes, seq * size, Math.min(bytes.length, (seq + 1) * size));
            assertThat(Api.putChunk(platform, ann, montage, take, seq, seq == SECONDS - 1, fence, chunk).statusCode())
                    .isEqualTo(200);
        }
        Api.finishTurn(platform, ann, montage, fence);

        // Kill merge-service while it renders.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> status(ann, montage), RenderStatus.RENDERING.name()::equals);
        platform.crash(Service.MERGE);

        assertThat(status(ann, montage)).as("the render never finished").isEqualTo(RenderStatus.RENDERING.name());
        assertThat(Http.get(platform.url(Service.PORTAL) + "/api/montages/" + montage, ann.bearer()).body())
                .doesNotContain("videoId\":\"");
        try (MongoClient client = MongoClients.create(platform.mongoUri())) {
            String database = platform.mongoUri().replaceAll(".*/([^/?]+).*", "$1");
            assertThat(client.getDatabase(database).getCollection("videos.files")
                    .countDocuments(Filters.eq("metadata.montageId", montage))).as("no film half stored").isZero();
        }

        platform.restart(Service.MERGE);

        JsonNode ready = Api.awaitReady(platform, ann, montage, Duration.ofSeconds(120));
        assertThat(ready.at("/render/shots").size()).isEqualTo(1);
        assertThat(ready.at("/render/shots/0/durationSeconds").asDouble())
                .as("every acknowledged chunk is in the film").isCloseTo(SECONDS, within(0.5));
    }

    private static String status(Person person, String montage) throws Exception {
        return Http.tree(Http.get(platform.url(Service.PORTAL) + "/api/montages/" + montage, person.bearer()))
                .get("status").asString();
    }
}
