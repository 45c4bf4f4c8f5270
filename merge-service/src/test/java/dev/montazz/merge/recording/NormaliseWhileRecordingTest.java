package dev.montazz.merge.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.MergeOnRealInfrastructure;
import dev.montazz.merge.chunk.TakeKey;
import dev.montazz.merge.files.MediaCache;
import dev.montazz.merge.render.Render;
import dev.montazz.merge.take.Take;
import dev.montazz.merge.testing.StoredFilms;
import dev.montazz.merge.testing.IngestStandIn;
import dev.montazz.merge.testing.TestMedia;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes normalised while they are recorded, on a real broker and MongoDB-wire server: chunks arrive about as a studio
 * sends them, the copy is made as they come, and the render that follows the take's end uses it instead of starting
 * over. What is made only in part (a restart mid-take, a copy given up) is never used: the film is always whole.
 */
class NormaliseWhileRecordingTest extends MergeOnRealInfrastructure {

    private static final double TITLE = 2.5;
    private static final double SECONDS = 8.0;
    private static final int CHUNKS = 8;

    @TempDir
    static Path media;

    private static byte[] quietRed;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ProducerFactory<String, byte[]> producers;

    @Autowired
    ConsumerFactory<String, byte[]> consumers;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RecordingNormaliser normaliser;

    @Autowired
    MediaCache cache;

    @TempDir
    Path dir;

    private IngestStandIn ingest;

    @BeforeAll
    static void recording() throws Exception {
        // A quiet speaker (the tone 14 dB under ffmpeg's sine), longer than the sound held back to be measured.
        quietRed = Files.readAllBytes(TestMedia.webmAtLevel(media, "quiet-red", "red", SECONDS, 440, -14));
    }

    @BeforeEach
    void ingestStandIn() throws InterruptedException {
        ingest = new IngestStandIn(producers, consumers, RECEIPTS, json);
    }

    @AfterEach
    void stop() {
        ingest.close();
    }

    @Test
    void aTakeIsNormalisedAsItIsRecordedAndItsFilmUsesThatCopy() throws Exception {
        String montage = montage("As it comes");
        double whileRecorded = made("while-recorded");
        double afterTheEnd = made("after-the-end");

        String take = UUID.randomUUID().toString();
        send(montage, take, 0, 1);
        await("the film's title card, made while the take is recorded").atMost(Duration.ofSeconds(20))
                .until(() -> cache.entries().stream().anyMatch(entry -> entry.montageId().equals(montage)
                        && entry.key().startsWith("title-")));
        double cacheHits = meters.counter("montazz.media.cache", "result", "hit").count();
        send(montage, take, 1, CHUNKS);

        Render render = ready(montage);
        assertThat(meters.counter("montazz.media.cache", "result", "hit").count())
                .as("the render found the title card").isGreaterThan(cacheHits);
        assertThat(made("while-recorded")).as("the render found the take made").isEqualTo(whileRecorded + 1);
        assertThat(made("after-the-end")).as("and did not make it again").isEqualTo(afterTheEnd);
        assertWhole(render, TakeKey.of(montage, "ann", take));
    }

    @Test
    void aRestartMidTakeBeginsTheTakeAgainFromItsStoredChunks() throws Exception {
        String montage = montage("Restarted");
        double whileRecorded = made("while-recorded");
        String take = UUID.randomUUID().toString();
        send(montage, take, 0, CHUNKS / 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> normaliser.making(TakeKey.of(montage, "ann", take)));

        normaliser.forgetAll();
        send(montage, take, CHUNKS / 2, CHUNKS);

        Render render = ready(montage);
        assertThat(made("while-recorded")).as("made again from chunk 0 as the rest came").isEqualTo(whileRecorded + 1);
        assertWhole(render, TakeKey.of(montage, "ann", take));
    }

    @Test
    void aCopyGivenUpMidTakeIsNeverUsedAndTheTakeIsMadeWhenItEnds() throws Exception {
        String montage = montage("Given up");
        double afterTheEnd = made("after-the-end");
        String take = UUID.randomUUID().toString();
        send(montage, take, 0, CHUNKS / 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> normaliser.making(TakeKey.of(montage, "ann", take)));

        normaliser.stop();
        send(montage, take, CHUNKS / 2, CHUNKS);

        Render render = ready(montage);
        assertThat(made("after-the-end")).isEqualTo(afterTheEnd + 1);
        assertWhole(render, TakeKey.of(montage, "ann", take));
    }

    @Test
    void aTakeCutOffMidWayIsMadeAsFarAsItWasStored() throws Exception {
        String montage = montage("Cut off");
        double whileRecorded = made("while-recorded");
        String take = UUID.randomUUID().toString();
        send(montage, take, 0, CHUNKS / 2);
        // Ingest's end marker: the contributor lost the floor before their next chunk.
        ProducerRecord<String, byte[]> end = IngestStandIn.chunk(montage, "ann", "Ann", take, CHUNKS / 2, true,
                new byte[0]);
        assertThat(ingest.send(end).get("status").asString()).isEqualTo("STORED");

        Render render = ready(montage);
        assertThat(made("while-recorded")).isEqualTo(whileRecorded + 1);
        Take made = mongo.findById(TakeKey.of(montage, "ann", take), Take.class);
        assertThat(made.lastSequence()).isEqualTo(CHUNKS / 2 - 1);
        assertThat(made.seconds()).as("about the half that was stored").isBetween(SECONDS / 2 - 1.5, SECONDS / 2 + 0.5);
        assertThat(render.film().facts().durationSeconds()).isCloseTo(TITLE + made.seconds(), within(0.1));
    }

    /** The take's film: its whole length, its picture, its sound at the film's loudness, one copy kept. */
    private void assertWhole(Render render, String take) throws Exception {
        Take made = mongo.findById(take, Take.class);
        assertThat(made.seconds()).isCloseTo(SECONDS, within(0.1));
        assertThat(made.thumbnailId()).isNotNull();
        assertThat(mongo.getCollection("normalised.files").countDocuments(new Document("metadata.takeId", take)))
                .as("one copy of the take kept, nothing half-made").isEqualTo(1);
        Path film = download(render.videoId());
        assertThat(TestMedia.probe(film).durationSeconds()).isCloseTo(TITLE + SECONDS, within(0.2));
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + SECONDS - 1), 0)).as("red to the end")
                .isTrue();
        TestMedia.R128 sound = TestMedia.r128(film, TITLE, TITLE + SECONDS);
        assertThat(sound.integratedLufs()).as("the quiet speaker at the film's loudness").isCloseTo(-16, within(1.0));
        assertThat(sound.truePeakDb()).isLessThanOrEqualTo(-1.5);
    }

    /**
     * Chunks {@code from} (inclusive) to {@code to} (exclusive) of the recording, the last of all marked last, one
     * every 300 ms (a studio sends one a second; the test has no time to lose).
     */
    private void send(String montage, String take, int from, int to) throws Exception {
        int size = (quietRed.length + CHUNKS - 1) / CHUNKS;
        for (int seq = from; seq < to; seq++) {
            byte[] chunk = Arrays.copyOfRange(quietRed, seq * size, Math.min(quietRed.length, (seq + 1) * size));
            ProducerRecord<String, byte[]> record = IngestStandIn.chunk(montage, "ann", "Ann", take, seq,
                    seq == CHUNKS - 1, chunk);
            if (seq == 0) {
                IngestStandIn.header(record, ChunkHeaders.CONTAINER, "webm");
            }
            JsonNode reply = ingest.send(record);
            assertThat(reply.get("status").asString()).isEqualTo("STORED");
            Thread.sleep(300);
        }
    }

    private double made(String when) {
        return meters.counter("montazz.takes.normalised", "when", when).count();
    }

    private String montage(String title) {
        String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);
        mongo.insert(new Document("_id", montage).append("title", title), MongoCollections.MONTAGES);
        return montage;
    }

    private Render ready(String montage) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> mongo.findById(montage, Render.class),
                r -> r != null && r.status() == RenderStatus.READY);
    }

    private Path download(String videoId) throws IOException {
        return StoredFilms.download(mongo.getDb(), videoId, dir.resolve("film.mp4"));
    }
}
