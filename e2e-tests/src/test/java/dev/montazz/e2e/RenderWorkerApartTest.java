package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The launcher with {@code MONTAZZ_LOCAL_RENDER_WORKER_NICENESS}: merge-service runs as its chunk store and, at that
 * lower CPU priority, its render worker. A take recorded over the API is stored by the one, normalised and rendered by
 * the other, and its film plays.
 */
class RenderWorkerApartTest {

    @TempDir
    Path dir;

    @Test
    void theRenderWorkerRunsApartAtALowerPriorityAndMakesTheFilm() throws Exception {
        try (Platform platform = Platform.start(Path.of("..").toAbsolutePath().normalize(), dir.resolve("data"),
                false, Platform.Jvm.QUICK_START, 1, 1, Map.of(Platform.RENDER_WORKER_NICENESS, "10"))) {
            List<Long> workers = platform.renderWorkerPids();
            assertThat(workers).hasSize(1);
            assertThat(niceness(workers.get(0))).as("the render worker's niceness").isEqualTo(10);
            assertThat(niceness(platform.pid(Service.MERGE))).as("the chunk store's").isZero();

            // The worker's consumer of stored-chunk news may join its group after the platform is up; news sent
            // before it is assigned is not read, and the take would be made at its end instead.
            Path workerLog = dir.resolve("data/logs/merge-service-renders.log");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(workerLog)
                    && Files.readString(workerLog).contains("recording-normaliser: partitions assigned: [montazz"));
            Person ann = Person.signUp(platform, "Ann");
            String montage = Api.createMontage(platform, ann, "Apart");
            Api.recordTake(platform, ann, montage, TestMedia.webm(dir, "ann", "red", 320, 240, 3.0, 440));
            JsonNode ready = Api.awaitReady(platform, ann, montage, Duration.ofMinutes(2));

            assertThat(ready.at("/render/shots").size()).isEqualTo(1);
            assertThat(ready.at("/render/videoCodec").asString()).isEqualTo("h264");
            // The render job logs its account once the film it made is READY: a moment after.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(workerLog).contains("Montage " + montage + " rendered:"));
            String chunkStore = Files.readString(platform.log(Service.MERGE));
            String renderWorker = Files.readString(workerLog);
            assertThat(chunkStore).as("the chunk store reads the chunks and renders nothing")
                    .contains("chunk-store: partitions assigned").doesNotContain("rendered:")
                    .doesNotContain("as it is recorded");
            // Made while recorded or, for this three-chunk take sent at once, at its end: either way by the worker.
            assertThat(chunkStore).doesNotContain("by Ann normalised");
            assertThat(renderWorker).as("the render worker made the take's copy and the film")
                    .contains("by Ann normalised").contains("Montage " + montage + " rendered:")
                    .doesNotContain("chunk-store: partitions assigned");
        }
    }

    /** A process's niceness, field 19 of {@code /proc/<pid>/stat}. */
    private static int niceness(long pid) throws Exception {
        String[] stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat")).replaceAll(".*\\) ", "")
                .split(" ");
        return Integer.parseInt(stat[16]);
    }
}
