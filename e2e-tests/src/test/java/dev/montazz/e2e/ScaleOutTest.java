package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.montazz.contract.MongoCollections;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.auth.testing.Browser;
import dev.montazz.auth.testing.People;
import dev.montazz.stack.LocalProxy;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of every service, auth, ingest and portal behind a real HAProxy sending each request to the next
 * instance (no sticky sessions). A person signs in, opens the studio, records and watches while their requests
 * alternate between instances; mid-shot one instance of every service is killed (kill -9). Nobody is signed out,
 * the shot goes on, the film holds every chunk once and plays. auth still tells the clients behind the proxy apart.
 */
class ScaleOutTest {

    private static final int CHUNKS = 12;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** auth's default montazz.auth.lockout.max-failures-per-address. */
    private static final int FAILURES_PER_ADDRESS = 50;

    @TempDir
    static Path dir;

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.start(Path.of("..").toAbsolutePath().normalize(), dir.resolve("data"), false,
                Platform.Jvm.QUICK_START, 1, 2);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void signInRecordingAndWatchingSurviveTheLossOfAnInstanceOfEveryService() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        String portal = platform.url(Service.PORTAL);
        String ingest = platform.url(Service.INGEST);
        assertThat(servedBy(ann, portal + "/", "Ann")).as("portal pages from both instances, signed in on each")
                .containsExactlyInAnyOrder("portal-service-1", "portal-service-2");
        assertThat(ann.browser().follow(ann.browser().get(ingest + "/")).body()).contains(">Ann</strong>");
        assertThat(servedBy(ann, ingest + "/", "Ann")).containsExactlyInAnyOrder("ingest-service-1",
                "ingest-service-2");

        String montage = Api.createMontage(platform, ann, "Behind the proxy " + UUID.randomUUID());
        long fence = Api.takeTheFloor(platform, ann, montage);
        Path clip = dir.resolve("shot.webm");
        TestMedia.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=" + CHUNKS, "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000:d=" + CHUNKS, "-c:v", "libvpx", "-b:v", "500k", "-deadline",
                "realtime", "-cpu-used", "8", "-c:a", "libopus", clip.toString()));
        byte[] bytes = Files.readAllBytes(clip);
        int size = (bytes.length + CHUNKS - 1) / CHUNKS;
        String take = UUID.randomUUID().toString();
        for (int seq = 0; seq < CHUNKS; seq++) {
            if (seq == CHUNKS / 2) {
                for (Service service : Service.values()) {
                    platform.crash(service);
                }
            }
            byte[] chunk = Arrays.copyOfRange(bytes, seq * size, Math.min(bytes.length, (seq + 1) * size));
            HttpResponse<String> answer = Api.putChunkUntilAnswered(platform, ann, montage, take, seq,
                    seq == CHUNKS - 1, fence, chunk, PATIENCE);
            assertThat(answer.statusCode()).as("chunk %d: %s", seq, answer.body()).isEqualTo(200);
        }
        for (Service service : Service.values()) {
            assertThat(platform.running(service)).as("%s's first instance is gone", service).isFalse();
            assertThat(platform.running(service, 1)).isTrue();
        }
        Api.finishTurn(platform, ann, montage, fence);

        // Still signed in everywhere: the sessions made on the killed instances live on in MongoDB.
        assertThat(servedBy(ann, portal + "/montages/" + montage, "Behind the proxy")).containsExactly(
                "portal-service-2");
        assertThat(servedBy(ann, ingest + "/montages/" + montage + "/studio", "Ann")).containsExactly(
                "ingest-service-2");

        JsonNode ready = Api.awaitReady(platform, ann, montage, PATIENCE);
        assertThat(ready.at("/render/shots/0/durationSeconds").asDouble()).as("the whole shot")
                .isCloseTo(CHUNKS, within(0.5));
        HttpResponse<byte[]> range = ann.browser().getBytes(portal + "/montages/" + montage + "/video.mp4",
                "Range", "bytes=0-99");
        assertThat(range.statusCode()).as("the film plays from the instance left").isEqualTo(206);
        assertThat(range.body()).hasSize(100);
        try (MongoClient client = MongoClients.create(platform.mongoUri())) {
            String database = platform.mongoUri().replaceAll(".*/([^/?]+).*", "$1");
            assertThat(client.getDatabase(database).getCollection(MongoCollections.CHUNKS)
                    .countDocuments(Filters.eq("montageId", montage))).as("every chunk stored once").isEqualTo(CHUNKS);
            // What the compose file lets each service's database user write is the contract's list: nothing else.
            List<String> known = Arrays.stream(dev.montazz.contract.Service.values())
                    .flatMap(service -> MongoCollections.writtenBy(service).stream()).toList();
            assertThat(client.getDatabase(database).listCollectionNames().into(new java.util.ArrayList<>()))
                    .as("collections the platform wrote").isSubsetOf(known);
        }

        Person bob = Person.signUp(platform, "Bob");
        assertThat(servedBy(bob, portal + "/", "Bob")).as("a new sign-in on what is left").isNotEmpty();

        // Behind the proxy every request reaches auth from the proxy: the sign-in throttle must still tell clients
        // apart, or one client guessing passwords would hold up everyone's sign-in. One address guesses at as many
        // accounts as auth allows an address (its only instance left counts them all).
        String auth = platform.url(Service.AUTH);
        Browser guesser = Browser.at(portal, "203.0.113.7");
        for (int i = 0; i < FAILURES_PER_ADDRESS; i++) {
            People.signIn(guesser, auth, "someone-" + i, "a guess");
        }
        assertThat(guesser.follow(People.signIn(guesser, auth, bob.username(), bob.password())).body())
                .as("the guessing address waits, even with the right password").contains("Too many wrong passwords");
        Browser bobsPhone = Browser.at(portal, "198.51.100.2");
        assertThat(bobsPhone.follow(People.signIn(bobsPhone, auth, bob.username(), bob.password())).body())
                .as("Bob, from his own address, does not").doesNotContain("Too many wrong passwords")
                .doesNotContain("Wrong user name or password");
    }

    /** Asks four times; each answer must be the signed-in page (with {@code expected}); which instances gave them. */
    private static Set<String> servedBy(Person person, String url, String expected) throws Exception {
        Set<String> instances = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> page = person.browser().get(url);
            assertThat(page.statusCode()).as("%s, not sent to sign in again", url).isEqualTo(200);
            assertThat(page.body()).contains(expected);
            page.headers().firstValue(LocalProxy.INSTANCE_HEADER).ifPresent(instances::add);
        }
        return instances;
    }
}
