package dev.montazz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform.Service;
import dev.montazz.stack.Platform;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The headline figure: a sequence montage of ten 30-second takes (five minutes) recorded one after the other through
 * ingest's API on the platform the run command starts, and the time from the end of the last take (its last chunk
 * acknowledged) to a playable montage of all ten (the portal answers READY with ten shots).
 *
 * <p>Between takes the benchmark waits for the montage to be rendered, as the 30 s of the next recording would.
 */
class MontageReadyBenchmark {

    private static final int TAKES = 10;
    private static final int TAKE_SECONDS = 30;

    @Test
    void fromTheEndOfTheLastTakeToAPlayableMontage() throws Exception {
        Path data = Files.createTempDirectory("montazz-bench-");
        byte[] clip = BenchApi.webcamClip(data, TAKE_SECONDS);
        try (Platform platform = Platform.start(Path.of("..").toAbsolutePath().normalize(), data, false)) {
            String token = BenchApi.signUp(platform);
            String montage = BenchApi.createMontage(platform, token, "Ten takes");
            long ended = 0;
            for (int i = 1; i <= TAKES; i++) {
                BenchApi.recordTake(platform, token, montage, clip, TAKE_SECONDS);
                ended = System.nanoTime();
                if (i < TAKES) {
                    awaitShots(platform, token, montage, i);
                }
            }
            JsonNode ready = awaitShots(platform, token, montage, TAKES);
            double seconds = (System.nanoTime() - ended) / 1e9;
            JsonNode render = ready.get("render");
            System.out.printf("%nTen takes of %d s (%.1f s of film with the title card), sequence layout%n",
                    TAKE_SECONDS, render.get("durationSeconds").asDouble());
            System.out.printf("%-52s %8.2f s  (target: under 10 s)%n",
                    "end of the last take -> playable montage", seconds);
            System.out.printf("%-52s %8.2f s%n", "  of which merge-service's render job",
                    render.get("renderMillis") == null || render.get("renderMillis").isNull() ? Double.NaN
                            : render.get("renderMillis").asDouble() / 1000);
            System.out.printf("%-52s %8.1f s  (\"3 minutes per minute of footage\")%n",
                    "reference: a render-at-the-end service", 3.0 * TAKES * TAKE_SECONDS);
            assertThat(render.get("durationSeconds").asDouble()).isGreaterThan(TAKES * TAKE_SECONDS);
        }
    }

    private static JsonNode awaitShots(Platform platform, String token, String montage, int shots) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode m = BenchApi.montage(platform, token, montage);
            if (RenderStatus.READY.name().equals(m.get("status").asString()) && m.at("/render/shots").size() == shots) {
                return m;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The montage never had " + shots + " shots");
    }
}
