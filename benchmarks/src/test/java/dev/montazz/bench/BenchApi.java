package dev.montazz.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.montazz.auth.testing.Browser;
import dev.montazz.auth.testing.People;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The platform's public APIs as the benchmarks call them, with a bearer token of a freshly signed-up person. */
final class BenchApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BenchApi() {
    }

    static final String PASSWORD = "benchmark password";

    /** Someone new, signed in: their account name and an access token. */
    record Person(String username, String token) {
    }

    /**
     * Someone new whose access token is renewed by signing in again before it expires (auth-service's last five
     * minutes, less than a long take).
     */
    static final class Session implements java.util.function.Supplier<String> {

        private static final long RENEW_AFTER_NANOS = 4 * 60 * 1_000_000_000L;
        private final Platform platform;
        private final String username;
        private String token;
        private long signedInAt;

        Session(Platform platform) throws Exception {
            Person person = person(platform);
            this.platform = platform;
            this.username = person.username();
            this.token = person.token();
            this.signedInAt = System.nanoTime();
        }

        @Override
        public synchronized String get() {
            if (System.nanoTime() - signedInAt > RENEW_AFTER_NANOS) {
                try {
                    String auth = platform.url(Service.AUTH);
                    Browser browser = new Browser(auth);
                    People.signIn(browser, auth, username, PASSWORD);
                    token = People.accessToken(browser, auth);
                    signedInAt = System.nanoTime();
                } catch (Exception e) {
                    throw new IllegalStateException("Could not sign " + username + " in again", e);
                }
            }
            return token;
        }
    }

    static String signUp(Platform platform) throws Exception {
        return person(platform).token();
    }

    static Person person(Platform platform) throws Exception {
        String auth = platform.url(Service.AUTH);
        Browser browser = new Browser(auth);
        String name = "bench" + UUID.randomUUID().toString().substring(0, 6);
        People.signUp(browser, auth, name, "Bench", PASSWORD);
        People.signIn(browser, auth, name, PASSWORD);
        return new Person(name, People.accessToken(browser, auth));
    }

    static String createMontage(Platform platform, String token, String title) throws Exception {
        return postMontage(platform, token, "{\"title\":\"" + title + "\"}");
    }

    /** With shots of up to {@code maxShotSeconds}, for a benchmark that records one long take. */
    static String createMontage(Platform platform, String token, String title, int maxShotSeconds) throws Exception {
        return postMontage(platform, token,
                "{\"title\":\"" + title + "\",\"maxShotSeconds\":" + maxShotSeconds + "}");
    }

    private static String postMontage(Platform platform, String token, String json) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(platform.url(Service.PORTAL) + "/api/montages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), token)
                .body()).get("id").asString();
    }

    static JsonNode montage(Platform platform, String token, String id) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(platform.url(Service.PORTAL) + "/api/montages/"
                + id)).GET(), token).body());
    }

    /** Joins the montage's queue and returns the fence of the turn (the floor must be free). */
    static long takeTheFloor(Platform platform, String token, String montage) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(platform.url(Service.INGEST) + "/api/montages/"
                + montage + "/floor/join")).POST(HttpRequest.BodyPublishers.noBody()), token).body()).get("fence")
                .asLong();
    }

    /** A detailed 640x480 VP8/Opus WebM of {@code seconds} at 1 Mbit/s, like a webcam's recording. */
    static byte[] webcamClip(java.nio.file.Path dir, int seconds) throws Exception {
        java.nio.file.Path take = dir.resolve("take.webm");
        dev.montazz.merge.testing.TestMedia.ffmpeg(java.util.List.of("-f", "lavfi", "-i", "testsrc2=s=640x480:r=30:d="
                + seconds, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:d=" + seconds, "-c:v", "libvpx",
                "-b:v", "1M", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus", take.toString()));
        return java.nio.file.Files.readAllBytes(take);
    }

    /**
     * One take through ingest's API, as a studio sends it: {@code chunks} chunks (about a second of recording each),
     * each sent once the one before was acknowledged, then the turn is given back. The floor must be free.
     */
    static void recordTake(Platform platform, String token, String montage, byte[] clip, int chunks) throws Exception {
        recordTake(platform, token, montage, clip, chunks, false);
    }

    /**
     * As {@link #recordTake(Platform, String, String, byte[], int)}; {@code paced}: at the studio's pace, each chunk
     * sent once its second has been recorded (the n-th a second after the (n-1)-th), as MediaRecorder hands them over.
     * Returns each chunk's round trip (sent to acknowledged), in nanoseconds.
     */
    static List<Long> recordTake(Platform platform, String token, String montage, byte[] clip, int chunks,
            boolean paced) throws Exception {
        return recordTake(platform, () -> token, montage, clip, chunks, paced);
    }

    /** As above, with the token asked for at every request (a {@link Session} renews it). */
    static List<Long> recordTake(Platform platform, java.util.function.Supplier<String> tokens, String montage,
            byte[] clip, int chunks, boolean paced) throws Exception {
        List<Long> roundTrips = new ArrayList<>();
        long started = System.nanoTime();
        String ingest = platform.url(Service.INGEST) + "/api/montages/" + montage;
        long fence = takeTheFloor(platform, tokens.get(), montage);
        String take = UUID.randomUUID().toString();
        int size = (clip.length + chunks - 1) / chunks;
        for (int seq = 0; seq < chunks; seq++) {
            byte[] chunk = java.util.Arrays.copyOfRange(clip, seq * size, Math.min(clip.length, (seq + 1) * size));
            long due = started + (seq + 1) * 1_000_000_000L;
            while (paced && System.nanoTime() < due) {
                Thread.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000));
            }
            long sent = System.nanoTime();
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(ingest + "/takes/" + take
                    + "/chunks/" + seq + "?fence=" + fence + "&last=" + (seq == chunks - 1)))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)), tokens.get());
            roundTrips.add(System.nanoTime() - sent);
            if (response.statusCode() != 200) {
                throw new AssertionError("Chunk " + seq + " refused: " + response.body());
            }
        }
        send(HttpRequest.newBuilder(URI.create(ingest + "/floor/finish?fence=" + fence))
                .POST(HttpRequest.BodyPublishers.noBody()), tokens.get());
        return roundTrips;
    }

    /**
     * Warms the chunk path up as a server that has run a while is: {@code chunks} chunks the size of the clip's one
     * second, sent back to back in one take of a montage of its own, then the turn given back and the montage deleted
     * (its chunks too). After a couple of hundred chunks the services' just-in-time compilers are still at work on the
     * chunk path (round trips twice what they settle to); after two thousand they are done. Only the first chunk is
     * the clip's (ingest reads its header); the rest are random bytes, so merge's normaliser gives the take up at once
     * rather than encoding it beside the measurements that follow.
     */
    static void warmChunkPath(Platform platform, String token, byte[] clip, int clipSeconds, int chunks)
            throws Exception {
        String montage = createMontage(platform, token, "Warm-up of the chunk path", 600);
        String ingest = platform.url(Service.INGEST) + "/api/montages/" + montage;
        long fence = takeTheFloor(platform, token, montage);
        String take = UUID.randomUUID().toString();
        int size = (clip.length + clipSeconds - 1) / clipSeconds;
        byte[] first = java.util.Arrays.copyOf(clip, size);
        byte[] rest = new byte[size];
        new java.util.Random(size).nextBytes(rest);
        for (int seq = 0; seq < chunks; seq++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(ingest + "/takes/" + take
                    + "/chunks/" + seq + "?fence=" + fence)).PUT(HttpRequest.BodyPublishers.ofByteArray(seq == 0
                    ? first : rest)), token);
            if (response.statusCode() != 200) {
                throw new AssertionError("Warm-up chunk " + seq + " refused: " + response.body());
            }
        }
        send(HttpRequest.newBuilder(URI.create(ingest + "/floor/leave")).POST(HttpRequest.BodyPublishers.noBody()),
                token);
        HttpResponse<String> deleted = send(HttpRequest.newBuilder(URI.create(platform.url(Service.PORTAL)
                + "/api/montages/" + montage)).DELETE(), token);
        if (deleted.statusCode() != 204) {
            throw new AssertionError("The warm-up montage was not deleted: " + deleted.body());
        }
    }

    /**
     * Uploads a file in 1 MiB parts as the studio's uploader does ({@code kind}: "music" or "files"); returns once
     * the last part is answered, that is once merge has read the whole file.
     */
    static void upload(Platform platform, String token, String montage, String kind, java.nio.file.Path file)
            throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        String upload = platform.url(Service.INGEST) + "/api/montages/" + montage + "/" + kind + "/"
                + UUID.randomUUID() + "/chunks/";
        int part = 1024 * 1024;
        int parts = (bytes.length + part - 1) / part;
        for (int seq = 0; seq < parts; seq++) {
            boolean last = seq == parts - 1;
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, seq * part, Math.min(bytes.length, (seq + 1) * part));
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(upload + seq + "?last=" + last
                    + (last ? "&name=" + java.net.URLEncoder.encode(file.getFileName().toString(),
                    java.nio.charset.StandardCharsets.UTF_8) : ""))).PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)),
                    token);
            if (response.statusCode() != 200) {
                throw new AssertionError("Part " + seq + " of " + file.getFileName() + " refused: " + response.body());
            }
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        return HTTP.send(request.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
