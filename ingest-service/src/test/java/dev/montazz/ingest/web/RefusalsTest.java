package dev.montazz.ingest.web;

import static dev.montazz.security.testing.TestUsers.api;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.ingest.RealInfrastructureTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Domain refusals answered over HTTP: a floor too busy to change is a retryable 503 (it was a 500), the others the
 * 4xx a person can act on, each a problem document.
 */
class RefusalsTest extends RealInfrastructureTest {

    private final String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aFloorTooBusyToChangeIsARetryable503() throws Exception {
        mongo.insert(new Document("_id", montage).append("title", "Busy").append("contributors", List.of("ann")),
                MongoCollections.MONTAGES);
        join().andExpect(status().isOk());
        // Every save of this floor now loses, as under a storm of changes: without its version, each save is taken
        // for a new floor and collides with the stored one.
        mongo.getCollection(MongoCollections.FLOORS).updateOne(new Document("_id", montage),
                new Document("$unset", new Document("version", "")));

        leave().andExpect(status().isServiceUnavailable()).andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.detail").value("The floor of this montage is busy right now; try again in a "
                        + "moment"));
    }

    @Test
    void aMontageThatDoesNotExistIs404AndAStrangerIs403() throws Exception {
        join().andExpect(status().isNotFound()).andExpect(jsonPath("$.detail").value("There is no montage " + montage));
        mongo.insert(new Document("_id", montage).append("title", "Private").append("contributors", List.of("bob")),
                MongoCollections.MONTAGES);
        join().andExpect(status().isForbidden());
    }

    private ResultActions join() throws Exception {
        return mvc.perform(post("/api/montages/" + montage + "/floor/join").with(api("ann")));
    }

    private ResultActions leave() throws Exception {
        return mvc.perform(post("/api/montages/" + montage + "/floor/leave").with(api("ann")));
    }
}
