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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The music upload API on a real broker and MongoDB-wire server, merge played by {@link MergeStandIn}: only the owner
 * uploads, the floor has no say, each part is published as kind {@code music} and confirmed stored, the last one named;
 * a file that does not start like sound, or that merge reads as something else, is a 415 with the reason.
 */
class MusicUploadApiTest extends RealInfrastructureTest {

    private static final byte[] MP3_HEAD = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 1, 2, 3};

    @DynamicPropertySource
    static void smallMusic(DynamicPropertyRegistry registry) {
        registry.add("montazz.ingest.max-music-size", () -> "3MB");
    }

    private final String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void annOwnsAMontageBobContributesTo() {
        mongo.insert(new Document("_id", montage).append("title", "Test").append("owner", "ann")
                .append("contributors", List.of("ann", "bob")), MongoCollections.MONTAGES);
    }

    @Test
    void theOwnersMusicIsPublishedPartByPartAsMusicWithoutTheFloor() throws Exception {
        String upload = UUID.randomUUID().toString();
        mvc.perform(put(url(upload, 0, false)).with(api("ann")).content(MP3_HEAD)).andExpect(status().isOk())
                .andExpect(jsonPath("$.sequence").value(0)).andExpect(jsonPath("$.duplicate").value(false));
        mvc.perform(put(url(upload, 1, true) + "&name=Summer.mp3").with(api("ann")).content(new byte[] {9, 9}))
                .andExpect(status().isOk());

        List<ConsumerRecord<String, byte[]>> records = merge.records(upload);
        assertThat(records).hasSize(2);
        assertThat(MergeStandIn.header(records.get(0), ChunkHeaders.KIND)).isEqualTo("music");
        assertThat(MergeStandIn.header(records.get(0), ChunkHeaders.CONTRIBUTOR_ID)).isEqualTo("ann");
        assertThat(records.get(0).headers().lastHeader(ChunkHeaders.FILE_NAME)).isNull();
        assertThat(records.get(0).headers().lastHeader(ChunkHeaders.CONTAINER)).isNull();
        assertThat(MergeStandIn.header(records.get(1), ChunkHeaders.FILE_NAME)).isEqualTo("Summer.mp3");
        assertThat(MergeStandIn.header(records.get(1), ChunkHeaders.LAST)).isEqualTo("true");
    }

    @Test
    void onlyTheOwnerUploadsMusic() throws Exception {
        String upload = UUID.randomUUID().toString();
        mvc.perform(put(url(upload, 0, false)).with(api("bob")).content(MP3_HEAD)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("Only the montage's owner can do this"));
        mvc.perform(put(url(upload, 0, false)).with(api("cleo")).content(MP3_HEAD)).andExpect(status().isForbidden());
        mvc.perform(put("/api/montages/nope/music/" + upload + "/chunks/0").with(api("ann")).content(MP3_HEAD))
                .andExpect(status().isNotFound());
        assertThat(merge.records(upload)).as("nothing published").isEmpty();
    }

    @Test
    void whatIsNotMusicIsRefusedWithAReasonAndNothingIsPublished() throws Exception {
        String upload = UUID.randomUUID().toString();
        mvc.perform(put(url(upload, 0, false)).with(api("ann")).content("<html>hello</html>".getBytes()))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not a sound file")));
        assertThat(merge.records(upload)).isEmpty();

        String video = MergeStandIn.UNREADABLE + UUID.randomUUID();
        mvc.perform(put(url(video, 0, true) + "&name=clip.mp4").with(api("ann")).content(MP3_HEAD))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.detail").value("This file holds a video: upload music alone"));
    }

    @Test
    void badPartsAreRefusedBeforeTheirBytesAreRead() throws Exception {
        String upload = UUID.randomUUID().toString();
        mvc.perform(put(url(upload, 3, false)).with(api("ann")).content(new byte[] {1}))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("at most 3 MB")));
        mvc.perform(put(url(upload, 0, true)).with(api("ann")).content(MP3_HEAD)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("names the file")));
        mvc.perform(put("/api/montages/" + montage + "/music/x/chunks/0").with(api("ann")).content(MP3_HEAD))
                .andExpect(status().isBadRequest());
        mvc.perform(put(url(upload, 0, false)).with(api("ann")).content(new byte[1024 * 1024 + 1]))
                .andExpect(status().isPayloadTooLarge());
        assertThat(merge.records(upload)).isEmpty();
    }

    private String url(String upload, int seq, boolean last) {
        return "/api/montages/" + montage + "/music/" + upload + "/chunks/" + seq + "?last=" + last;
    }
}
