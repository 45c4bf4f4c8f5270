package dev.montazz.ingest.floor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.ingest.RealInfrastructureTest;
import dev.montazz.security.streams.EventStreams;
import dev.montazz.security.testing.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Floor streams over real sockets: a person holds a few at most, idle streams carry heartbeats, and a stream whose
 * client went away without a word is found and dropped (they once stayed open for ten minutes each).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.Config.class)
class FloorStreamLimitsTest extends RealInfrastructureTest {

    @DynamicPropertySource
    static void quickHeartbeats(DynamicPropertyRegistry registry) {
        registry.add("montazz.streams.heartbeat", () -> "200ms");
        registry.add("montazz.streams.max-per-person", () -> "3");
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStreams streams;

    private final String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void streamsAreCappedPerPersonHeartbeatenAndDroppedWhenTheirClientVanishes() throws Exception {
        mongo.insert(new Document("_id", montage).append("title", "Streams").append("contributors",
                List.of("ann", "bob")), MongoCollections.MONTAGES);
        List<Socket> anns = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = openStream("ann");
                assertThat(readLine(socket)).contains("200");
                anns.add(socket);
            }
            try (Socket fourth = openStream("ann"); Socket bobs = openStream("bob")) {
                assertThat(readLine(fourth)).as("a fourth stream for the same person").contains("429");
                assertThat(readLine(bobs)).as("someone else's first").contains("200");
                await().atMost(Duration.ofSeconds(10)).until(() -> streams.open() == 4);

                BufferedReader bob = new BufferedReader(new InputStreamReader(bobs.getInputStream(),
                        StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(10)).until(() -> bob.readLine().startsWith(":heartbeat"));

                anns.remove(0).close();
                anns.remove(0).close();
                await().atMost(Duration.ofSeconds(10)).until(() -> streams.open() == 2);
            }
        } finally {
            for (Socket socket : anns) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.open() == 0);
    }

    private Socket openStream(String username) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(10_000);
        String name = Character.toUpperCase(username.charAt(0)) + username.substring(1);
        socket.getOutputStream().write(("GET /api/montages/" + montage + "/floor/events HTTP/1.1\r\nHost: localhost"
                + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + TestTokens.of(username, name)
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static String readLine(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = socket.getInputStream().read(); c >= 0 && c != '\n'; c = socket.getInputStream().read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
