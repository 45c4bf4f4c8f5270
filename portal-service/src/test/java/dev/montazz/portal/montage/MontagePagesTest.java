package dev.montazz.portal.montage;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1)
class MontagePagesTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestInfrastructure.newMongoDatabaseUri("portal-pages"));
        registry.add("management.health.mongodb.enabled", () -> "false");
        registry.add("spring.kafka.bootstrap-servers",
                () -> TestInfrastructure.realKafka().orElse(System.getProperty("spring.embedded.kafka.brokers")));
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void empty() {
        mongo.remove(new Query(), "montages");
        mongo.remove(new Query(), "renders");
    }

    @Test
    void anEmptyListSaysHowToStartAndGreetsThePerson() throws Exception {
        mvc.perform(get("/").with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("No montages yet")))
                .andExpect(content().string(containsString("Signed in as <strong id=\"me\">Ann</strong>")));
    }

    @Test
    void anonymousPeopleAreSentToSignInAndAnonymousApiCallsGet401() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/oauth2/authorization/montazz"));
        mvc.perform(get("/montages/x")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/montages")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/montages").contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"t\"}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aNewMontageIsCreatedFromTheFormWithItsCsrfTokenOnly() throws Exception {
        mvc.perform(post("/montages").param("title", "Picnic").with(page("ann", "Ann")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/montages").param("title", "Picnic").with(page("ann", "Ann")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/montages/*"));
        mvc.perform(post("/montages").param("title", " ").with(page("ann", "Ann")).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Give your montage a title")));
        mvc.perform(get("/").with(page("ann", "Ann"))).andExpect(content().string(containsString("Picnic")));
    }

    @Test
    void privateMontagesAreSeenByTheirContributorsOnly() throws Exception {
        String id = createWithApi("Ann's secret", "ann");
        mvc.perform(get("/").with(page("bob", "Bob"))).andExpect(content().string(not(containsString("secret"))));
        mvc.perform(get("/montages/" + id).with(page("bob", "Bob"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/montages/" + id).with(api("bob"))).andExpect(status().isNotFound());
        mvc.perform(get("/montages/" + id).with(page("ann", "Ann"))).andExpect(status().isOk());
        mvc.perform(get("/api/montages/" + id).with(api("ann"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.visibility").value("PRIVATE")).andExpect(jsonPath("$.ownerName").value("ann"));
    }

    @Test
    void anInvitationLinkMakesSomeoneAContributor() throws Exception {
        String id = createWithApi("Family reunion", "ann");
        String code = mongo.findById(id, Montage.class).inviteCode();
        mvc.perform(get("/montages/" + id).with(page("ann", "Ann")))
                .andExpect(content().string(containsString("/join/" + code)))
                .andExpect(content().string(containsString("/montages/" + id + "/studio")));

        mvc.perform(get("/join/" + code).with(page("bob", "Bob"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Family reunion")));
        mvc.perform(post("/join/" + code).with(page("bob", "Bob"))).andExpect(status().isForbidden());
        mvc.perform(post("/join/" + code).with(page("bob", "Bob")).with(csrf()))
                .andExpect(redirectedUrl("/montages/" + id));

        mvc.perform(get("/montages/" + id).with(page("bob", "Bob"))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/join/" + code))));
        mvc.perform(get("/api/montages/" + id).with(api("bob"))).andExpect(status().isOk());
        mvc.perform(get("/join/wrong-code").with(page("bob", "Bob"))).andExpect(status().isNotFound());
        org.assertj.core.api.Assertions.assertThat(mongo.findById(id, Montage.class).contributors())
                .containsExactly("ann", "bob");
    }

    @Test
    void titlesAreShownAsTextNeverAsMarkup() throws Exception {
        String id = createWithApi("<script>alert(1)</script>", "ann");
        mvc.perform(get("/").with(page("ann", "Ann")))
                .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
                .andExpect(content().string(not(containsString("<script>alert(1)"))));
        mvc.perform(get("/montages/" + id).with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
                .andExpect(content().string(not(containsString("<script>alert(1)"))));
    }

    @Test
    void aMontageBeingRenderedForTheFirstTimeShowsNoFilmYet() throws Exception {
        mongo.insert(new Document("_id", "r1").append("title", "Fresh").append("contributors", List.of("ann"))
                .append("visibility", "PRIVATE"), "montages");
        mongo.insert(new Document("_id", "r1").append("status", "RENDERING"), "renders");
        mvc.perform(get("/").with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("RENDERING")));
        mvc.perform(get("/montages/r1").with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("No film yet")));
    }

    @Test
    void aMontageNeedsATitle() throws Exception {
        mvc.perform(post("/api/montages").with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"  \"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("A montage needs a title"));
    }

    @Test
    void anUnknownMontageIsAFriendly404() throws Exception {
        mvc.perform(get("/montages/nope").with(page("ann", "Ann")).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/montages/nope").with(api("ann"))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no montage nope"));
    }

    private String createWithApi(String title, String owner) throws Exception {
        String body = mvc.perform(post("/api/montages").with(api(owner)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"" + title + "\"}"))
                .andExpect(status().isCreated()).andExpect(header().exists("Location"))
                .andReturn().getResponse().getContentAsString();
        return body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    private static RequestPostProcessor page(String username, String name) {
        return oidcLogin().idToken(token -> token.subject(username).claim("name", name));
    }

    private static RequestPostProcessor api(String username) {
        return jwt().jwt(token -> token.subject(username));
    }
}
