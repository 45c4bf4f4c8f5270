package dev.montazz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import dev.montazz.auth.testing.Browser;
import dev.montazz.auth.testing.People;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.stack.Platform.Service;
import dev.montazz.stack.Platform;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB film served by the portal, whose heap is capped at 768 MB (the launcher's setting): it can only succeed by
 * streaming from GridFS. Prints the portal's resident memory before and at its peak, and the throughput, for a whole
 * download and for a seek near the end.
 */
class FilmServingBenchmark {

    private static final long FILM = 1024L * 1024 * 1024;
    private static final int BLOCK = 1024 * 1024;

    @Test
    void aFilmLargerThanThePortalsHeapIsServedWithFlatMemory() throws Exception {
        Path data = Files.createTempDirectory("montazz-bench-");
        try (Platform platform = Platform.start(Path.of("..").toAbsolutePath().normalize(), data, false)) {
            String auth = platform.url(Service.AUTH);
            Browser browser = new Browser(platform.url(Service.PORTAL));
            String name = "bench" + UUID.randomUUID().toString().substring(0, 6);
            People.signUp(browser, auth, name, "Bench", "benchmark password");
            browser.follow(browser.get(platform.url(Service.PORTAL) + "/"));
            browser.follow(People.signIn(browser, auth, name, "benchmark password"));
            String token = People.accessToken(browser, auth);
            String montage = BenchApi.createMontage(platform, token, "A long film");

            long started = System.nanoTime();
            String videoId = storeFilm(platform, montage);
            System.out.printf("%nStored a %d MiB film in GridFS in %.1f s%n", FILM >> 20,
                    (System.nanoTime() - started) / 1e9);

            long portal = platform.pid(Service.PORTAL);
            long before = memory(portal, "VmRSS");
            started = System.nanoTime();
            long served = read(browser.stream(platform.url(Service.PORTAL) + "/montages/" + montage + "/video.mp4"));
            double seconds = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            long tail = read(browser.stream(platform.url(Service.PORTAL) + "/montages/" + montage + "/video.mp4",
                    "Range", "bytes=" + (FILM - 64L * BLOCK) + "-"));
            double seekSeconds = (System.nanoTime() - started) / 1e9;
            long peak = memory(portal, "VmHWM");

            System.out.printf("%-46s %10s%n", "whole film served (bytes)", served);
            System.out.printf("%-46s %8.1f MB/s%n", "throughput", served / seconds / 1e6);
            System.out.printf("%-46s %8.0f ms%n", "seek: the last 64 MiB (206)", seekSeconds * 1000);
            System.out.printf("%-46s %8d MiB%n", "portal resident memory before", before >> 10);
            System.out.printf("%-46s %8d MiB  (heap capped at 768 MB, film %d MiB)%n",
                    "portal resident memory at its peak", peak >> 10, FILM >> 20);
            assertThat(served).isEqualTo(FILM);
            assertThat(tail).isEqualTo(64L * BLOCK);
            assertThat(videoId).isNotBlank();
        }
    }

    /** Writes the film as merge-service would (GridFS bucket {@code videos}, then the render naming it). */
    private static String storeFilm(Platform platform, String montage) throws Exception {
        String uri = platform.mongoUri();
        String database = uri.substring(uri.indexOf('/', "mongodb://".length()) + 1).replaceAll("\\?.*", "");
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase db = client.getDatabase(database);
            byte[] block = new byte[BLOCK];
            new java.util.Random(1).nextBytes(block);
            InputStream film = new InputStream() {
                private long left = FILM;

                @Override
                public int read() {
                    return left-- > 0 ? block[(int) (left % BLOCK)] & 0xff : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, left);
                    for (int i = 0; i < n; i++) {
                        b[off + i] = block[(int) ((FILM - left + i) % BLOCK)];
                    }
                    left -= n;
                    return n;
                }
            };
            String videoId = GridFSBuckets.create(db, GridFsBuckets.VIDEOS).uploadFromStream("long.mp4", film,
                    new GridFSUploadOptions().chunkSizeBytes(BLOCK).metadata(new Document("montageId", montage)))
                    .toHexString();
            db.getCollection(MongoCollections.RENDERS).insertOne(new Document("_id", montage).append("status", RenderStatus.READY.name())
                    .append("videoId", videoId).append("sizeBytes", FILM).append("durationSeconds", 3600.0)
                    .append("shots", List.of()).append("renderedAt", Instant.now()));
            return videoId;
        }
    }

    private static long read(HttpResponse<InputStream> response) throws Exception {
        assertThat(response.statusCode()).isIn(200, 206);
        try (InputStream body = response.body()) {
            return body.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** A memory figure of a process from /proc, in KiB. */
    private static long memory(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException(field + " not found for process " + pid);
    }
}
