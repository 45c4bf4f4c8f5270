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
import dev.montazz.contract.montage.FilmEdit;
import dev.montazz.ingest.RealInfrastructureTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The studio tells a contributor the owner asked them to record their shot again, until a take of theirs answers it
 * (as the contract's placing rule says), and tells nobody else.
 */
class RetakeNoticeTest extends RealInfrastructureTest {

    private static final String NOTICE = "asked you to record your shot again";

    @Test
    void aContributorAskedForARetakeIsToldUntilTheyRecordIt() throws Exception {
        String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);
        Instant asked = Instant.parse("2026-12-02T10:00:00Z");
        String old = montage + "/bob/1";
        take(old, montage, "bob", asked.minusSeconds(600));
        mongo.insert(new Document("_id", montage).append("title", "Again").append("owner", "ann")
                .append("contributors", List.of("ann", "bob")).append("edit", mongo.getConverter()
                        .convertToMongoType(new FilmEdit(List.of(old), List.of(), List.of(),
                                List.of(new FilmEdit.Retake(old, "bob", asked))))), MongoCollections.MONTAGES);

        studio(montage, "bob").andExpect(content().string(containsString(NOTICE)));
        studio(montage, "ann").andExpect(content().string(not(containsString(NOTICE))));

        take(montage + "/bob/2", montage, "bob", asked.plusSeconds(60));
        studio(montage, "bob").andExpect(content().string(not(containsString(NOTICE))));
    }

    private org.springframework.test.web.servlet.ResultActions studio(String montage, String who) throws Exception {
        return mvc.perform(get("/montages/" + montage + "/studio").with(page(who, who))).andExpect(status().isOk());
    }

    private void take(String id, String montage, String contributor, Instant startedAt) {
        mongo.insert(new Document("_id", id).append("montageId", montage).append("contributorId", contributor)
                .append("contributor", contributor).append("startedAt", startedAt).append("firstPartition", 0)
                .append("firstOffset", startedAt.getEpochSecond()), MongoCollections.TAKES);
    }
}
