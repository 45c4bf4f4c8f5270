package dev.montazz.ingest.studio;

import static dev.montazz.security.testing.TestUsers.page;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.ingest.RealInfrastructureTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The page for a shot from a file: every contributor's, with the limits told before anything is sent; no one else's. */
class ShotFilePageTest extends RealInfrastructureTest {

    private final String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void annOwnsAMontageBobContributesTo() {
        mongo.insert(new Document("_id", montage).append("title", "Beach <i>day</i>").append("owner", "ann")
                .append("contributors", List.of("ann", "bob")).append("maxShotSeconds", 90), MongoCollections.MONTAGES);
    }

    @Test
    void contributorsSeeTheFormWithTheLimits() throws Exception {
        for (String who : List.of("ann", "bob")) {
            mvc.perform(get("/montages/" + montage + "/file").with(page(who))).andExpect(status().isOk())
                    .andExpect(content().string(containsString("Beach &lt;i&gt;day&lt;/i&gt;")))
                    .andExpect(content().string(containsString("data-upload=\"files\"")))
                    .andExpect(content().string(containsString("id=\"upload-file\"")))
                    .andExpect(content().string(containsString("up to 500 MB and 1:30 long")));
        }
        mvc.perform(get("/montages/" + montage + "/studio").with(page("bob"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("/montages/" + montage + "/file")));
    }

    @Test
    void nobodyElseSeesIt() throws Exception {
        mvc.perform(get("/montages/" + montage + "/file").with(page("cleo"))).andExpect(status().isForbidden());
        mvc.perform(get("/montages/nope/file").with(page("ann"))).andExpect(status().isNotFound());
    }
}
