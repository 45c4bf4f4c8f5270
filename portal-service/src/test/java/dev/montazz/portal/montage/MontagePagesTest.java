package dev.montazz.portal.montage;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class MontagePagesTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestInfrastructure.newMongoDatabaseUri("portal-pages"));
        registry.add("management.health.mongodb.enabled", () -> "false");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void empty() {
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), "montages");
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), "renders");
    }

    @Test
    void anEmptyListSaysHowToStart() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk()).andExpect(content().string(containsString("No montages yet")));
    }

    @Test
    void titlesAreShownAsTextNeverAsMarkup() throws Exception {
        String id = mvc.perform(post("/api/montages").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"<script>alert(1)</script>\"}"))
                .andExpect(status().isCreated()).andExpect(header().exists("Location"))
                .andReturn().getResponse().getContentAsString().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        mvc.perform(get("/")).andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
                .andExpect(content().string(not(containsString("<script>alert(1)"))));
        mvc.perform(get("/montages/" + id)).andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
                .andExpect(content().string(not(containsString("<script>alert(1)"))));
    }

    @Test
    void aMontageBeingRenderedForTheFirstTimeShowsNoFilmYet() throws Exception {
        mongo.insert(new Document("_id", "r1").append("title", "Fresh"), "montages");
        mongo.insert(new Document("_id", "r1").append("status", "RENDERING"), "renders");
        mvc.perform(get("/")).andExpect(status().isOk()).andExpect(content().string(containsString("RENDERING")));
        mvc.perform(get("/montages/r1")).andExpect(status().isOk())
                .andExpect(content().string(containsString("No film yet")));
    }

    @Test
    void aMontageNeedsATitle() throws Exception {
        mvc.perform(post("/api/montages").contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"  \"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("A montage needs a title"));
    }

    @Test
    void anUnknownMontageIsAFriendly404Page() throws Exception {
        mvc.perform(get("/montages/nope").accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound());
        mvc.perform(get("/api/montages/nope")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no montage nope"));
    }
}
