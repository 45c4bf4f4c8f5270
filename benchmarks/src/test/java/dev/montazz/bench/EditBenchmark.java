package dev.montazz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.gridfs.GridFSBuckets;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The owner's edits on a five-minute montage of ten 30-second shots, each timed from the edit's request to the new film
 * being playable (the portal answers READY with a new film): reorder, leave out, put back, trim (the trimmed copy made
 * once from the recording), undo, and music (added, its level changed, taken out, put back). The reference, measured in the same run on the same film: FFmpeg's command line
 * copying the five-minute film's packets into a new MP4 (-c copy), the least any join by packet copy can cost.
 */
class EditBenchmark {

    /** {@code -Dquick=true} (the all-benchmarks run): five shots, a film of two and a half minutes. */
    private static final int TAKES = BenchPlatform.QUICK ? 5 : 10;
    private static final int TAKE_SECONDS = 30;

    private record Timed(String edit, double seconds, double renderSeconds) {
    }

    @Test
    void fromAnEditToAPlayableFilm() throws Exception {
        Path data = Files.createTempDirectory("montazz-bench-edit-");
        byte[] clip = BenchApi.webcamClip(data, TAKE_SECONDS);
        try (BenchPlatform bench = BenchPlatform.open()) {
            Platform platform = bench.platform();
            String token = BenchApi.signUp(platform);
            String montage = BenchApi.createMontage(platform, token, "Five minutes to edit");
            for (int i = 1; i <= TAKES; i++) {
                BenchApi.recordTake(platform, token, montage, clip, TAKE_SECONDS);
                awaitFilm(platform, token, montage, null, i);
            }
            List<String> shots = new ArrayList<>();
            shotsOf(platform, token, montage).get("inFilm").forEach(shot -> shots.add(shot.get("id").asString()));
            String path = platform.url(Service.PORTAL) + "/api/montages/" + montage + "/shots";

            List<Timed> timed = new ArrayList<>();
            List<String> reversed = new ArrayList<>(shots);
            Collections.reverse(reversed);
            timed.add(edit(platform, token, montage, "reorder: all " + TAKES + " reversed", TAKES,
                    put(path, Map.of("order", reversed, "leftOut", List.of()))));
            List<String> rotated = new ArrayList<>(shots);
            Collections.rotate(rotated, 3);
            timed.add(edit(platform, token, montage, "reorder: three moved to the front", TAKES,
                    put(path, Map.of("order", rotated, "leftOut", List.of()))));
            timed.add(edit(platform, token, montage, "reorder: back to the order of turns", TAKES,
                    put(path, Map.of("order", shots, "leftOut", List.of()))));
            timed.add(edit(platform, token, montage, "leave one shot out", TAKES - 1,
                    put(path, Map.of("order", shots, "leftOut", List.of(shots.get(TAKES / 2 - 1))))));
            timed.add(edit(platform, token, montage, "put it back", TAKES,
                    put(path, Map.of("order", shots, "leftOut", List.of()))));
            timed.add(edit(platform, token, montage, "trim a shot to 5-25 s (copy made)", TAKES,
                    put(path + "/" + shots.get(TAKES / 4) + "/trim", Map.of("start", 5.0, "end", 25.0))));
            timed.add(edit(platform, token, montage, "trim another to 0-10 s (copy made)", TAKES,
                    put(path + "/" + shots.get(TAKES * 3 / 4) + "/trim", Map.of("start", 0.0, "end", 10.0))));
            timed.add(edit(platform, token, montage, "undo that trim", TAKES, HttpRequest.newBuilder(URI.create(
                    path + "/undo")).POST(HttpRequest.BodyPublishers.noBody())));
            timed.add(edit(platform, token, montage, "redo it (its copy kept)", TAKES,
                    put(path + "/" + shots.get(TAKES * 3 / 4) + "/trim", Map.of("start", 0.0, "end", 10.0))));
            Path song = TestMedia.music(data, "Five-minute song", "mp3", 1000, 300, -6);
            timed.add(edit(platform, token, montage, "add music: a 5-min MP3 (uploaded, read)", TAKES,
                    () -> BenchApi.upload(platform, token, montage, "music", song)));
            String music = platform.url(Service.PORTAL) + "/api/montages/" + montage + "/music";
            timed.add(edit(platform, token, montage, "music level to -18 dB (sound made again)", TAKES,
                    put(music + "/level", Map.of("level", -18))));
            timed.add(edit(platform, token, montage, "take the music out", TAKES,
                    HttpRequest.newBuilder(URI.create(music + "/playing")).DELETE()));
            timed.add(edit(platform, token, montage, "put the music back", TAKES,
                    HttpRequest.newBuilder(URI.create(music + "/playing")).PUT(HttpRequest.BodyPublishers.noBody())));

            JsonNode last = BenchApi.montage(platform, token, montage);
            Path film = data.resolve("film.mp4");
            try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
                try (var out = Files.newOutputStream(film)) {
                    String database = platform.mongoUri().replaceAll(".*/([^/?]+).*", "$1");
                    GridFSBuckets.create(mongo.getDatabase(database), GridFsBuckets.VIDEOS).downloadToStream(
                            new ObjectId(last.at("/render/videoId").asString()), out);
                }
            }
            List<Double> remux = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                TestMedia.ffmpeg(List.of("-i", film.toString(), "-c", "copy", "-f", "mp4",
                        data.resolve("remux.mp4").toString()));
                remux.add((System.nanoTime() - started) / 1e9);
            }
            Collections.sort(remux);
            double reference = remux.get(1);

            System.out.printf("%nEdits of a %.0f s montage (%d shots of %d s, %d MiB film), sequence layout, cut%n",
                    last.at("/render/durationSeconds").asDouble(), TAKES, TAKE_SECONDS, Files.size(film) >> 20);
            System.out.printf("%-44s %10s %12s %14s%n", "edit", "-> playable", "render job", "x the remux");
            for (Timed t : timed) {
                System.out.printf("%-44s %8.2f s %10.2f s %13.1fx%n", t.edit(), t.seconds(), t.renderSeconds(),
                        t.seconds() / reference);
            }
            System.out.printf("%-44s %8.2f s  (median of 3)%n", "reference: ffmpeg -c copy of the film", reference);
            assertThat(timed).allSatisfy(t -> assertThat(t.seconds()).isPositive());
        } finally {
            BenchPlatform.delete(data);
        }
    }

    private static HttpRequest.Builder put(String path, Object body) {
        return HttpRequest.newBuilder(URI.create(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(BenchApi.JSON.writeValueAsString(body)));
    }

    /** An edit as the owner's client makes it; throws when it is refused. */
    private interface Edit {
        void send() throws Exception;
    }

    /** Sends the edit and times it until the portal answers READY with a new film of {@code shots} shots. */
    private static Timed edit(Platform platform, String token, String montage, String name, int shots,
            HttpRequest.Builder request) throws Exception {
        return edit(platform, token, montage, name, shots, () -> {
            HttpResponse<String> answer = BenchApi.send(request, token);
            if (answer.statusCode() != 200) {
                throw new AssertionError(name + ": " + answer.statusCode() + " " + answer.body());
            }
        });
    }

    private static Timed edit(Platform platform, String token, String montage, String name, int shots, Edit edit)
            throws Exception {
        String before = BenchApi.montage(platform, token, montage).at("/render/videoId").asString();
        long started = System.nanoTime();
        edit.send();
        JsonNode ready = awaitFilm(platform, token, montage, before, shots);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Timed(name, seconds, ready.at("/render/renderMillis").asDouble() / 1000);
    }

    private static JsonNode shotsOf(Platform platform, String token, String montage) throws Exception {
        return BenchApi.JSON.readTree(BenchApi.send(HttpRequest.newBuilder(URI.create(platform.url(Service.PORTAL)
                + "/api/montages/" + montage + "/shots")).GET(), token).body());
    }

    /** Polled every 20 ms: READY, a film other than {@code before}, with {@code shots} shots. */
    private static JsonNode awaitFilm(Platform platform, String token, String montage, String before, int shots)
            throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode m = BenchApi.montage(platform, token, montage);
            if (RenderStatus.READY.name().equals(m.get("status").asString()) && m.at("/render/shots").size() == shots
                    && !m.at("/render/videoId").asString().equals(before)) {
                return m;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No new film of " + shots + " shots");
    }
}
