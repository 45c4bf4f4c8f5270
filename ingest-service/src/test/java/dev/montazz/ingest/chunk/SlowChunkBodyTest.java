package dev.montazz.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.ingest.RealInfrastructureTest;
import dev.montazz.contract.testing.TestChunks;
import dev.montazz.security.testing.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients that send a chunk's body slowly, or not at all, over a real socket: they are checked before the body is
 * read, given a deadline for the whole chunk, and held to two uploads at a time per person.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.Config.class)
class SlowChunkBodyTest extends RealInfrastructureTest {

    @DynamicPropertySource
    static void shortDeadline(DynamicPropertyRegistry registry) {
        registry.add("montazz.ingest.chunk-read-timeout", () -> "2s");
        registry.add("server.tomcat.connection-timeout", () -> "1s");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);
    private final String ann = TestTokens.of("ann", "Ann");
    private long fence;

    @BeforeEach
    void annHoldsTheFloor() throws Exception {
        mongo.insert(new Document("_id", montage).append("title", "Slow").append("contributors", List.of("ann")),
                MongoCollections.MONTAGES);
        HttpResponse<String> joined = http.send(HttpRequest.newBuilder(uri("/api/montages/" + montage + "/floor/join"))
                .header("Authorization", "Bearer " + ann).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(joined.statusCode()).isEqualTo(200);
        fence = JsonMapper.builder().build().readTree(joined.body()).get("fence").asLong();
    }

    @Test
    void aChunkForAMontageThatDoesNotExistIsRefusedBeforeItsBodyArrives() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            sendHeaders(socket, "/api/montages/nope/takes/" + UUID.randomUUID() + "/chunks/0?fence=1", 4 * 1024 * 1024);

            assertThat(statusLine(socket)).as("answered with no body sent").contains("404");
        }
    }

    @Test
    void aChunkTricklingInPastItsDeadlineIs408AndNothingIsPublished() throws Exception {
        String take = UUID.randomUUID().toString();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            sendHeaders(socket, chunkPath(take), 60_000);
            Thread trickle = new Thread(() -> trickle(socket, 40));
            trickle.setDaemon(true);
            trickle.start();

            assertThat(statusLine(socket)).contains("408");
            trickle.interrupt();
        }
        assertThat(merge.records(take)).isEmpty();
    }

    @Test
    void onePersonMaySendTwoChunksAtOnceAndNoMore() throws Exception {
        String take = UUID.randomUUID().toString();
        try (Socket first = new Socket("localhost", port); Socket second = new Socket("localhost", port)) {
            sendHeaders(first, chunkPath(take), 60_000);
            sendHeaders(second, chunkPath(take), 60_000);
            first.getOutputStream().write(1);
            second.getOutputStream().write(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> putChunk(take) == 429);
        }
        // Both held connections end (the deadline, or the closed sockets): the slots are free again.
        await().atMost(Duration.ofSeconds(10)).until(() -> putChunk(take) == 200);
    }

    private int putChunk(String take) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(chunkPath(take))).header("Authorization", "Bearer " + ann)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(TestChunks.webm())).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void sendHeaders(Socket socket, String path, int contentLength) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("PUT " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ann
                + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The start of a real first chunk, then a byte every 300 ms: never finishing in time. */
    private static void trickle(Socket socket, int bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(TestChunks.webm());
            for (int i = 0; i < bytes && !Thread.currentThread().isInterrupted(); i++) {
                out.write(0);
                out.flush();
                Thread.sleep(300);
            }
        } catch (IOException | InterruptedException closed) {
            // The server gave up on the chunk, as it should.
        }
    }

    private static String statusLine(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
    }

    private String chunkPath(String take) {
        return "/api/montages/" + montage + "/takes/" + take + "/chunks/0?fence=" + fence;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
