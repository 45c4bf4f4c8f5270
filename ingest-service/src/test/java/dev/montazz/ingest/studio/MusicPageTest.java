package dev.montazz.ingest.studio;

import static dev.montazz.security.testing.TestUsers.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.ingest.RealInfrastructureTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The owner's music page: what plays now (read from merge's collection), the upload form; nobody else's. */
class MusicPageTest extends RealInfrastructureTest {

    private final String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void annOwnsAMontageBobContributesTo() {
        mongo.insert(new Document("_id", montage).append("title", "Beach day").append("owner", "ann")
                .append("contributors", List.of("ann", "bob")), MongoCollections.MONTAGES);
    }

    @Test
    void theOwnerSeesTheUploadFormAndWhatPlaysNow() throws Exception {
        mvc.perform(get("/montages/" + montage + "/music").with(page("ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("No music yet")))
                .andExpect(content().string(containsString("id=\"upload-file\"")))
                .andExpect(content().string(containsString("up to 50 MB")));

        mongo.insert(new Document("_id", montage).append("musicId", "u1").append("name", "Summer <b>song</b>.mp3")
                .append("seconds", 151.4).append("loudness", -14.0).append("bytes", 3_000_000L)
                .append("fileId", "f1").append("uploadedBy", "ann").append("uploadedAt", Instant.now()),
                MongoCollections.MUSIC);
        mvc.perform(get("/montages/" + montage + "/music").with(page("ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Summer &lt;b&gt;song&lt;/b&gt;.mp3")))
                .andExpect(content().string(containsString("2:31")))
                .andExpect(content().string(containsString("Replace it with another file")))
                .andExpect(content().string(not(containsString("No music yet"))));
    }

    @Test
    void nobodyElseSeesIt() throws Exception {
        mvc.perform(get("/montages/" + montage + "/music").with(page("bob"))).andExpect(status().isForbidden());
        mvc.perform(get("/montages/" + montage + "/music").with(page("cleo"))).andExpect(status().isForbidden());
        mvc.perform(get("/montages/nope/music").with(page("ann"))).andExpect(status().isNotFound());
    }
}
