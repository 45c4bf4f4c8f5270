package dev.montazz.ingest.chunk;

import static dev.montazz.security.testing.TestUsers.admin;
import static dev.montazz.security.testing.TestUsers.api;
import static dev.montazz.security.testing.TestUsers.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.chunk.Container;
import dev.montazz.ingest.MergeStandIn;
import dev.montazz.ingest.RealInfrastructureTest;
import dev.montazz.contract.testing.TestChunks;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The chunk API on a real Kafka broker and MongoDB-wire server. merge-service is played by a listener that stores
 * chunks in memory and replies as merge does (docs/kafka-contract.md), so the request/reply round trip is real.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChunkApiTest extends RealInfrastructureTest {

    private static final byte[] WEBM_HEAD = TestChunks.webm();
    private static final byte[] MP4_HEAD = TestChunks.mp4();

    @DynamicPropertySource
    static void smallChunks(DynamicPropertyRegistry registry) {
        registry.add("montazz.ingest.max-chunk-size", () -> "64KB");
        registry.add("spring.kafka.producer.properties.max.request.size", () -> "131072");
        registry.add("montazz.ingest.receipt-timeout", () -> "3s");
        // Every chunk counts as slow here: its log line is under test, whatever this machine's speed.
        registry.add("montazz.ingest.slow-chunk", () -> "0ms");
    }

    @Autowired
    private ChunkPublisher publisher;

    @Autowired
    private ChunkReceipts receipts;

    private final String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);
    private long fence;

    @BeforeEach
    void annHoldsTheFloorOfAMontage() throws Exception {
        mongo.insert(new Document("_id", montage).append("title", "Test").append("contributors", List.of("ann")),
                MongoCollections.MONTAGES);
        String floor = mvc.perform(post("/api/montages/" + montage + "/floor/join").with(ann()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.youAreOnAir").value(true))
                .andReturn().getResponse().getContentAsString();
        fence = Long.parseLong(floor.replaceAll(".*\"fence\":(\\d+).*", "$1"));
    }

    @Test
    void aChunkIsPublishedWithItsMetadataAndAcknowledgedOnlyOnceStored() throws Exception {
        String take = UUID.randomUUID().toString();
        String capturedAt = String.valueOf(Instant.now().minusSeconds(2).toEpochMilli());
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(WEBM_HEAD).header("X-Captured-At", capturedAt))
                .andExpect(status().isOk()).andExpect(jsonPath("$.sequence").value(0))
                .andExpect(jsonPath("$.duplicate").value(false)).andExpect(jsonPath("$.offset").isNumber());

        ConsumerRecord<String, byte[]> record = merge.records(take).get(0);
        assertThat(record.key()).isEqualTo(montage);
        assertThat(record.value()).isEqualTo(WEBM_HEAD);
        assertThat(header(record, ChunkHeaders.MONTAGE)).isEqualTo(montage);
        assertThat(header(record, ChunkHeaders.TAKE)).isEqualTo(take);
        assertThat(header(record, ChunkHeaders.SEQUENCE)).isEqualTo("0");
        assertThat(header(record, ChunkHeaders.LAST)).isEqualTo("false");
        assertThat(header(record, ChunkHeaders.CONTRIBUTOR_ID)).isEqualTo("ann");
        assertThat(header(record, ChunkHeaders.CONTRIBUTOR)).isEqualTo("Ann");
        assertThat(header(record, ChunkHeaders.CAPTURED_AT)).isEqualTo(capturedAt);
        assertThat(header(record, ChunkHeaders.CONTAINER)).isEqualTo("webm");
    }

    @Test
    void safariMp4IsRecognisedByItsMagicBytesAndLaterChunksNeedNoHeader() throws Exception {
        String take = UUID.randomUUID().toString();
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(MP4_HEAD).contentType("application/octet-stream"))
                .andExpect(status().isOk());
        mvc.perform(put(chunkUrl(take, 1) + "&last=true").with(ann()).content("moof-and-mdat".getBytes()))
                .andExpect(status().isOk());

        List<ConsumerRecord<String, byte[]>> records = merge.records(take);
        assertThat(header(records.get(0), ChunkHeaders.CONTAINER)).isEqualTo("mp4");
        assertThat(records.get(1).headers().lastHeader(ChunkHeaders.CONTAINER)).isNull();
        assertThat(header(records.get(1), ChunkHeaders.LAST)).isEqualTo("true");
    }

    @Test
    void aResentChunkIsAcknowledgedAsTheCopyAlreadyStored() throws Exception {
        String take = UUID.randomUUID().toString();
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(WEBM_HEAD)).andExpect(status().isOk());
        long offset = merge.records(take).get(0).offset();

        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(WEBM_HEAD)).andExpect(status().isOk())
                .andExpect(jsonPath("$.duplicate").value(true)).andExpect(jsonPath("$.offset").value(offset));
    }

    @Test
    void aChunkSentAgainWithOtherBytesIsAConflictWithTheReason() throws Exception {
        String take = UUID.randomUUID().toString();
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(WEBM_HEAD)).andExpect(status().isOk());
        byte[] other = WEBM_HEAD.clone();
        other[other.length - 1] ^= 1;

        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(other)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("other bytes")));
    }

    @Test
    void badChunksAreRefusedWithAReadableReasonAndNeverPublished() throws Exception {
        String take = UUID.randomUUID().toString();
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content("just text".getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.detail").value("The first chunk of a take must be WebM or MP4 video"));
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(WEBM_HEAD).header("X-Captured-At", "12"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("X-Captured-At")));
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(new byte[64 * 1024 + 1]))
                .andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.detail").value(
                        org.hamcrest.Matchers.containsString("at most 64 KiB")));
        mvc.perform(put("/api/montages/nope/takes/" + take + "/chunks/0?fence=1").with(ann()).content(WEBM_HEAD))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.detail").value("There is no montage nope"));
        mvc.perform(put(chunkUrl("bad id!", 0)).with(ann()).content(WEBM_HEAD)).andExpect(status().isBadRequest());
        mvc.perform(put(chunkUrl(take, -1)).with(ann()).content(WEBM_HEAD)).andExpect(status().isBadRequest());
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(new byte[0])).andExpect(status().isBadRequest());

        // A valid chunk afterwards proves the listener was reading; only it reached Kafka.
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(WEBM_HEAD)).andExpect(status().isOk());
        assertThat(merge.records(take)).hasSize(1);
    }

    /**
     * A first chunk that only starts like a video was acknowledged and left its montage unable to render: the
     * container header must be whole and hold a video track.
     */
    @Test
    void aFirstChunkWithoutAWholeContainerHeaderIs415AndNeverPublished() throws Exception {
        byte[] ebmlMagicOnly = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
        byte[] hugeHeader = TestChunks.concat(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 0x01, 0x00, 0x00,
                0x00, 0x10, 0x00, 0x00, 0x00}, "webm".getBytes(StandardCharsets.US_ASCII));
        byte[] audioOnly = TestChunks.concat(TestChunks.element(0x1A45DFA3,
                TestChunks.element(0x4282, "webm".getBytes(StandardCharsets.US_ASCII))),
                new byte[] {0x18, 0x53, (byte) 0x80, 0x67, 0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
                TestChunks.element(0x1654AE6B, TestChunks.element(0xAE, TestChunks.element(0x83, new byte[] {2}))));
        byte[] mp4 = TestChunks.mp4();
        byte[] moovCutOff = java.util.Arrays.copyOf(mp4, mp4.length - 10);
        byte[] brokenMoov = mp4.clone();
        brokenMoov[28 + 8 + 108] = 0x7F; // after ftyp (28), moov's header and mvhd: trak claims more than moov holds
        byte[] mediaFirst = TestChunks.concat(TestChunks.box("ftyp", "isom0000".getBytes(StandardCharsets.US_ASCII)),
                TestChunks.box("mdat", new byte[64]));
        java.util.Map<byte[], String> bad = new java.util.LinkedHashMap<>();
        bad.put(ebmlMagicOnly, "whole header");
        bad.put(hugeHeader, "whole header");
        bad.put(audioOnly, "no video track");
        bad.put(moovCutOff, "moov box is cut off");
        bad.put(brokenMoov, "damaged");
        bad.put(mediaFirst, "media before its moov");
        String take = UUID.randomUUID().toString();
        for (var chunk : bad.entrySet()) {
            mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(chunk.getKey()))
                    .andExpect(status().isUnsupportedMediaType())
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(chunk.getValue())));
        }
        assertThat(merge.records(take)).isEmpty();
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(WEBM_HEAD)).andExpect(status().isOk());
    }

    @Test
    void aChunkPastThePersonsQuotaIs507SayingWhatIsUsedAndNothingIsPublished() throws Exception {
        long quota = 2L * 1024 * 1024 * 1024;
        mongo.save(new Document("_id", "ann").append("bytes", quota), MongoCollections.USAGE);
        String take = UUID.randomUUID().toString();

        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(WEBM_HEAD)).andExpect(status().isInsufficientStorage())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("of your 2.0 GB")))
                .andExpect(jsonPath("$.usedBytes").value(quota)).andExpect(jsonPath("$.limitBytes").value(quota));
        assertThat(merge.records(take)).isEmpty();
        mvc.perform(get("/").with(page("ann")))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "2.0 GB of 2.0 GB used"))).andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "Your room is full")));
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is("ann")), MongoCollections.USAGE);
    }

    @Test
    void administratorsHaveNoQuota() throws Exception {
        String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);
        mongo.insert(new Document("_id", montage).append("title", "Admin's").append("contributors", List.of("root")),
                MongoCollections.MONTAGES);
        mongo.save(new Document("_id", "root").append("bytes", 10L * 1024 * 1024 * 1024), MongoCollections.USAGE);
        RequestPostProcessor root = admin("root");
        String floor = mvc.perform(post("/api/montages/" + montage + "/floor/join").with(root))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        long rootFence = Long.parseLong(floor.replaceAll(".*\"fence\":(\\d+).*", "$1"));

        mvc.perform(put("/api/montages/" + montage + "/takes/" + UUID.randomUUID() + "/chunks/0?fence=" + rootFence)
                .with(root).content(WEBM_HEAD)).andExpect(status().isOk());
    }

    @Test
    void aChunkMergeNeverConfirmsIsAnswered503SoTheStudioSendsItAgainAndNothingKeepsWaiting() throws Exception {
        String take = MergeStandIn.SILENT + UUID.randomUUID();
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(WEBM_HEAD)).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("re-sends are safe")));
        assertThat(receipts.waiting()).isZero();
    }

    /**
     * An acknowledged chunk must not outlive its request: with many people streaming, chunks kept for the receipt
     * timeout would fill the heap (spring-kafka's ReplyingKafkaTemplate did that; see {@link ChunkReceipts}).
     */
    @Test
    void anAcknowledgedChunkIsNotKeptInMemory() throws Exception {
        byte[] data = WEBM_HEAD.clone();
        WeakReference<byte[]> chunk = new WeakReference<>(data);
        publisher.publish(Chunk.ofTake(montage, UUID.randomUUID().toString(), 0, false, "ann", "Ann", Instant.now(),
                Container.WEBM, data));
        data = null;
        assertThat(receipts.waiting()).isZero();
        for (int i = 0; i < 50 && chunk.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertThat(chunk.get()).as("the chunk's bytes, collected once acknowledged").isNull();
    }

    @Test
    void chunksComeOnlyFromSignedInContributorsOfTheMontage() throws Exception {
        String take = UUID.randomUUID().toString();
        mvc.perform(put(chunkUrl(take, 0)).content(WEBM_HEAD)).andExpect(status().isUnauthorized());
        mvc.perform(put(chunkUrl(take, 0)).with(api("mallory", "Mallory")).content(WEBM_HEAD))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not a contributor")));
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(WEBM_HEAD)).andExpect(status().isOk());
        assertThat(merge.records(take)).hasSize(1);
    }

    @Test
    void aSlowChunkIsLoggedWithWhereItsTimeWentStepByStep(CapturedOutput output) throws Exception {
        String take = UUID.randomUUID().toString();
        mvc.perform(put(chunkUrl(take, 0)).with(api("mallory", "Mallory")).content(WEBM_HEAD))
                .andExpect(status().isForbidden());
        mvc.perform(put(chunkUrl(take, 0)).with(ann()).content(WEBM_HEAD)).andExpect(status().isOk());

        Matcher line = Pattern.compile("Slow chunk " + montage + "/" + take + "#0: ([0-9.]+) ms \\(slot ([0-9.]+), "
                + "membership ([0-9.]+), admit ([0-9.]+), quota ([0-9.]+), body ([0-9.]+), record ([0-9.]+), "
                + "broker ([0-9.]+), stored ([0-9.]+), acknowledge ([0-9.]+) ms\\)").matcher(output.getOut());
        assertThat(line.find()).as("the accepted chunk's line in the log").isTrue();
        double steps = 0;
        for (int step = 2; step <= line.groupCount(); step++) {
            steps += Double.parseDouble(line.group(step));
        }
        assertThat(steps).as("the steps add up to the chunk's time in ingest")
                .isCloseTo(Double.parseDouble(line.group(1)), offset(0.5));
        assertThat(Double.parseDouble(line.group(9))).as("merge-service's receipt took time").isPositive();
        assertThat(line.find()).as("the refused chunk is no slow chunk: it was never taken in").isFalse();
    }

    private static RequestPostProcessor ann() {
        return api("ann");
    }

    private String chunkUrl(String take, int seq) {
        return "/api/montages/" + montage + "/takes/" + take + "/chunks/" + seq + "?fence=" + fence;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return MergeStandIn.header(record, name);
    }
}
