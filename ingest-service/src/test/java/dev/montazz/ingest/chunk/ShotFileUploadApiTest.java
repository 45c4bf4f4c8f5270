package dev.montazz.ingest.chunk;

import static dev.montazz.security.testing.TestUsers.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.ingest.MergeStandIn;
import dev.montazz.ingest.RealInfrastructureTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A shot from a video file on a real broker and MongoDB-wire server, merge played by {@link MergeStandIn}: any
 * contributor (not only the owner) uploads, without the floor; each part is published as kind {@code file}, the last
 * one named and told the montage's longest shot; a file that does not start like video, or that merge cannot read, is
 * a 415 with the reason; people who do not record into the montage are refused, as when recording.
 */
class ShotFileUploadApiTest extends RealInfrastructureTest {

    private static final byte[] MP4_HEAD = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0};
    private static final byte[] MOV_HEAD = {0, 0, 0, 0x08, 'w', 'i', 'd', 'e', 0, 0, 0, 1, 'm', 'd', 'a', 't'};

    @DynamicPropertySource
    static void smallFiles(DynamicPropertyRegistry registry) {
        registry.add("montazz.ingest.max-shot-file-size", () -> "2MB");
    }

    private final String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void annOwnsAMontageBobContributesTo() {
        mongo.insert(new Document("_id", montage).append("title", "Test").append("owner", "ann")
                .append("contributors", List.of("ann", "bob")).append("maxShotSeconds", 45), MongoCollections.MONTAGES);
    }

    @Test
    void aContributorsFileIsPublishedPartByPartAsAFileShotWithTheLongestShot() throws Exception {
        String upload = UUID.randomUUID().toString();
        mvc.perform(put(url(upload, 0, false)).with(api("bob")).content(MP4_HEAD)).andExpect(status().isOk())
                .andExpect(jsonPath("$.sequence").value(0));
        mvc.perform(put(url(upload, 1, true) + "&name=IMG_0042.MOV").with(api("bob")).content(new byte[] {7, 7}))
                .andExpect(status().isOk());

        List<ConsumerRecord<String, byte[]>> records = merge.records(upload);
        assertThat(records).hasSize(2);
        assertThat(MergeStandIn.header(records.get(0), ChunkHeaders.KIND)).isEqualTo("file");
        assertThat(MergeStandIn.header(records.get(0), ChunkHeaders.CONTRIBUTOR_ID)).isEqualTo("bob");
        assertThat(records.get(0).headers().lastHeader(ChunkHeaders.LONGEST_SECONDS)).isNull();
        assertThat(MergeStandIn.header(records.get(1), ChunkHeaders.FILE_NAME)).isEqualTo("IMG_0042.MOV");
        assertThat(MergeStandIn.header(records.get(1), ChunkHeaders.LONGEST_SECONDS)).isEqualTo("45");

        String mov = UUID.randomUUID().toString();
        mvc.perform(put(url(mov, 0, true) + "&name=old.mov").with(api("ann")).content(MOV_HEAD))
                .andExpect(status().isOk());
        assertThat(merge.records(mov)).hasSize(1);
    }

    @Test
    void onlyContributorsUpload() throws Exception {
        String upload = UUID.randomUUID().toString();
        mvc.perform(put(url(upload, 0, false)).with(api("cleo")).content(MP4_HEAD)).andExpect(status().isForbidden());
        mvc.perform(put("/api/montages/nope/files/" + upload + "/chunks/0").with(api("ann")).content(MP4_HEAD))
                .andExpect(status().isNotFound());
        mvc.perform(put(url(upload, 0, false)).content(MP4_HEAD)).andExpect(status().isUnauthorized());
        assertThat(merge.records(upload)).as("nothing published").isEmpty();
    }

    @Test
    void whatIsNotVideoIsRefusedWithAReasonAndNothingIsPublished() throws Exception {
        String upload = UUID.randomUUID().toString();
        mvc.perform(put(url(upload, 0, false)).with(api("bob")).content("ID3 a song".getBytes()))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("not a video file")));
        assertThat(merge.records(upload)).isEmpty();

        String unreadable = MergeStandIn.UNREADABLE + UUID.randomUUID();
        mvc.perform(put(url(unreadable, 0, true) + "&name=broken.mp4").with(api("bob")).content(MP4_HEAD))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.emptyOrNullString())));
    }

    @Test
    void partsPastTheLargestFileOrUnnamedEndsAreRefusedBeforeTheirBytesAreRead() throws Exception {
        String upload = UUID.randomUUID().toString();
        mvc.perform(put(url(upload, 2, false)).with(api("bob")).content(new byte[] {1}))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("at most 2 MB")));
        mvc.perform(put(url(upload, 0, true)).with(api("bob")).content(MP4_HEAD)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("names the file")));
        assertThat(merge.records(upload)).isEmpty();
    }

    private String url(String upload, int seq, boolean last) {
        return "/api/montages/" + montage + "/files/" + upload + "/chunks/" + seq + "?last=" + last;
    }
}
