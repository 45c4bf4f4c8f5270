package dev.montazz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB film served by the portal, whose heap is capped at 768 MB (the launcher's setting), next to Debian's nginx
 * serving the same bytes from the same disk (started here, {@code sendfile on}), both read by curl: the first viewer
 * (served from GridFS while the portal copies the film to its disk), then viewers of the copy, whole and a seek near
 * the end. Prints throughputs, their ratio to nginx, and the portal's resident memory before and at its peak.
 */
class FilmServingBenchmark {

    private static final long FILM = 1024L * 1024 * 1024;
    private static final int BLOCK = 1024 * 1024;
    private static final long TAIL = 64L * BLOCK;
    /** Downloads of each kind; the best counts. Two with {@code -Dquick=true} (the all-benchmarks run). */
    private static final int RUNS = BenchPlatform.QUICK ? 2 : 3;

    @Test
    void aFilmIsServedAtNginxsPaceWithFlatMemory() throws Exception {
        Path data = Files.createTempDirectory("montazz-bench-serving-");
        Path www = Files.createDirectories(data.resolve("www"));
        try (BenchPlatform bench = BenchPlatform.open()) {
            Platform platform = bench.platform();
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
            try (InputStream film = film(); OutputStream out = Files.newOutputStream(www.resolve("film.mp4"))) {
                film.transferTo(out);
            }
            String portalFilm = platform.url(Service.PORTAL) + "/montages/" + montage + "/video.mp4";
            String cookie = "Cookie: " + browser.cookieHeader(portalFilm);
            Path portalLog = platform.log(Service.PORTAL);

            try (Nginx nginx = Nginx.start(data, www)) {
                String nginxFilm = "http://127.0.0.1:" + nginx.port() + "/film.mp4";
                Curl.get(nginxFilm); // the page cache warm for both: the same bytes are on the same disk
                long portal = platform.pid(Service.PORTAL);
                long before = Processes.statusKiB(portal, "VmRSS");

                Curl.Download first = Curl.get(portalFilm, "-H", cookie);
                awaitCopy(portalLog, videoId);
                List<Curl.Download> whole = new ArrayList<>();
                List<Curl.Download> reference = new ArrayList<>();
                List<Curl.Download> seek = new ArrayList<>();
                List<Curl.Download> seekReference = new ArrayList<>();
                String range = "Range: bytes=" + (FILM - TAIL) + "-";
                for (int run = 0; run < RUNS; run++) {
                    reference.add(Curl.get(nginxFilm));
                    whole.add(Curl.get(portalFilm, "-H", cookie));
                    seekReference.add(Curl.get(nginxFilm, "-H", range));
                    seek.add(Curl.get(portalFilm, "-H", cookie, "-H", range));
                }
                long peak = Processes.statusKiB(portal, "VmHWM");

                double nginxRate = Curl.best(reference);
                System.out.printf("%n%-52s %12s %12s %10s%n", "download (curl)", "bytes", "MB/s", "x nginx");
                row("nginx (reference), whole film", reference, nginxRate);
                row("portal, first viewer (from GridFS, copy being made)", List.of(first), nginxRate);
                row("portal, whole film (from its copy)", whole, nginxRate);
                double nginxSeek = Curl.best(seekReference);
                row("nginx (reference), last 64 MiB (206)", seekReference, nginxSeek);
                row("portal, last 64 MiB (206)", seek, nginxSeek);
                System.out.printf("%-52s %8d MiB%n", "portal resident memory before", before >> 10);
                System.out.printf("%-52s %8d MiB  (heap capped at 768 MB, film %d MiB)%n",
                        "portal resident memory at its peak", peak >> 10, FILM >> 20);
                assertThat(first.bytes()).isEqualTo(FILM);
                assertThat(whole).allSatisfy(download -> assertThat(download.bytes()).isEqualTo(FILM));
                assertThat(seek).allSatisfy(download -> assertThat(download.bytes()).isEqualTo(TAIL));
            }
            dropFilm(platform, montage, videoId);
        } finally {
            BenchPlatform.delete(data);
        }
    }

    /** Takes the gigabyte out of the store again: a shared platform goes on to serve other benchmarks. */
    private static void dropFilm(Platform platform, String montage, String videoId) {
        try (MongoClient client = MongoClients.create(platform.mongoUri())) {
            MongoDatabase db = client.getDatabase(database(platform));
            db.getCollection(MongoCollections.RENDERS).deleteOne(new Document("_id", montage));
            GridFSBuckets.create(db, GridFsBuckets.VIDEOS).delete(new ObjectId(videoId));
        }
    }

    private static String database(Platform platform) {
        String uri = platform.mongoUri();
        return uri.substring(uri.indexOf('/', "mongodb://".length()) + 1).replaceAll("\\?.*", "");
    }

    private static void row(String what, List<Curl.Download> downloads, double reference) {
        double best = Curl.best(downloads);
        System.out.printf("%-52s %,12d %12.0f %9.2fx%n", what, downloads.get(0).bytes(), best / 1e6, best / reference);
    }

    /** Waits until the portal says it copied the film to its disk. */
    private static void awaitCopy(Path log, String videoId) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains("Copied film " + videoId)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The portal never copied the film to its disk");
    }

    /** Writes the film as merge-service would (GridFS bucket {@code videos}, then the render naming it). */
    private static String storeFilm(Platform platform, String montage) throws Exception {
        try (MongoClient client = MongoClients.create(platform.mongoUri())) {
            MongoDatabase db = client.getDatabase(database(platform));
            InputStream film = film();
            String videoId = GridFSBuckets.create(db, GridFsBuckets.VIDEOS).uploadFromStream("long.mp4", film,
                    new GridFSUploadOptions().chunkSizeBytes(BLOCK).metadata(new Document("montageId", montage)))
                    .toHexString();
            db.getCollection(MongoCollections.RENDERS).insertOne(new Document("_id", montage).append("status", RenderStatus.READY.name())
                    .append("videoId", videoId).append("sizeBytes", FILM).append("durationSeconds", 3600.0)
                    .append("shots", List.of()).append("renderedAt", Instant.now()));
            return videoId;
        }
    }

    /** The film's bytes: the same each time, a 1 MiB random block over and over. */
    private static InputStream film() {
        byte[] block = new byte[BLOCK];
        new java.util.Random(1).nextBytes(block);
        return new InputStream() {
            private long left = FILM;

            @Override
            public int read() {
                return left-- > 0 ? block[(int) ((FILM - left - 1) % BLOCK)] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int at = (int) ((FILM - left) % BLOCK);
                int n = (int) Math.min(Math.min(len, left), BLOCK - at);
                System.arraycopy(block, at, b, off, n);
                left -= n;
                return n;
            }
        };
    }
}
