package dev.montazz.portal.montage;

import static dev.montazz.security.testing.TestUsers.api;
import static dev.montazz.security.testing.TestUsers.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.Topics;
import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1)
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class MontagePagesTest {

    /** More characters than any log line or problem may carry of what a client sent. */
    private static final int MORE_THAN_CLIPPED = dev.montazz.security.input.ClientText.MAX + 1;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "portal-pages");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    org.springframework.kafka.core.ConsumerFactory<String, byte[]> consumers;

    @BeforeEach
    void empty() {
        mongo.remove(new Query(), MongoCollections.MONTAGES);
        mongo.remove(new Query(), MongoCollections.RENDERS);
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
                .andExpect(redirectedUrl("http://localhost:8080/oauth2/authorization/montazz"));
        mvc.perform(get("/").with(request -> {
            request.setServerName("evil.example");
            return request;
        })).andExpect(redirectedUrl("http://localhost:8080/oauth2/authorization/montazz"));
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
                .andExpect(jsonPath("$.visibility").value("PRIVATE")).andExpect(jsonPath("$.ownerName").value("Ann"));
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
                .andExpect(content().string(not(containsString("/join/" + code))))
                .andExpect(content().string(containsString("/montages/" + id + "/file")));
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
                .append("visibility", "PRIVATE"), MongoCollections.MONTAGES);
        mongo.insert(new Document("_id", "r1").append("status", "RENDERING"), MongoCollections.RENDERS);
        mvc.perform(get("/").with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("RENDERING")));
        mvc.perform(get("/montages/r1").with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("No film yet")));
    }

    @Test
    void onlyTheOwnerDeletesAndTheDeletionIsAnnouncedBeforeTheMontageGoes() throws Exception {
        String id = createWithApi("Short-lived", "ann");
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id)),
                new org.springframework.data.mongodb.core.query.Update().addToSet("contributors", "bob"), MongoCollections.MONTAGES);
        java.util.Properties fromStart = new java.util.Properties();
        fromStart.put("auto.offset.reset", "earliest");
        try (var announcements = consumers.createConsumer("test-" + java.util.UUID.randomUUID(), null, null,
                fromStart)) {
            announcements.subscribe(List.of(Topics.MONTAGE_DELETIONS));

            mvc.perform(post("/montages/" + id + "/delete").with(page("bob", "Bob")).with(csrf()))
                    .andExpect(status().isNotFound());
            mvc.perform(delete("/api/montages/" + id).with(api("bob"))).andExpect(status().isNotFound());
            mvc.perform(post("/montages/" + id + "/delete").with(page("ann", "Ann")))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/montages/" + id + "/delete").with(page("ann", "Ann")).with(csrf()))
                    .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/"));

            mvc.perform(get("/montages/" + id).with(page("ann", "Ann"))).andExpect(status().isNotFound());
            mvc.perform(delete("/api/montages/" + id).with(api("ann"))).andExpect(status().isNotFound());
            java.util.List<String> announced = new java.util.ArrayList<>();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
                announcements.poll(java.time.Duration.ofMillis(200)).forEach(r -> announced.add(r.key() + " "
                        + new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)));
                return !announced.isEmpty();
            });
            org.assertj.core.api.Assertions.assertThat(announced).singleElement().asString().startsWith(id + " ")
                    .contains("\"montageId\":\"" + id + "\"").contains("\"deletedBy\":\"ann\"");
        }
    }

    @Test
    void whoSeesAMontageFollowsItsVisibility() throws Exception {
        String id = createWithApi("Holiday", "ann");
        mvc.perform(get("/montages/" + id).with(page("eve", "Eve"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/montages/" + id).with(api("eve"))).andExpect(status().isNotFound());

        mvc.perform(patch("/api/montages/" + id).with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"visibility\":\"UNLISTED\"}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.visibility").value("UNLISTED"));
        mvc.perform(get("/montages/" + id).with(page("eve", "Eve"))).andExpect(status().isOk());
        mvc.perform(get("/").with(page("eve", "Eve")))
                .andExpect(content().string(not(containsString("Holiday"))));

        mvc.perform(post("/montages/" + id + "/settings").param("title", "Holiday").param("visibility", "PUBLIC")
                .with(page("ann", "Ann")).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(get("/").with(page("eve", "Eve"))).andExpect(content().string(containsString("Holiday")));
        mvc.perform(get("/api/montages").with(api("eve"))).andExpect(jsonPath("$[0].title").value("Holiday"));
    }

    @Test
    void onlyTheOwnerRenamesAndABlankTitleChangesNothing() throws Exception {
        String id = createWithApi("Old name", "ann");
        mvc.perform(post("/montages/" + id + "/settings").param("title", "Stolen").param("visibility", "PUBLIC")
                .with(page("eve", "Eve")).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(patch("/api/montages/" + id).with(api("eve")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"Stolen\"}")).andExpect(status().isNotFound());
        mvc.perform(post("/montages/" + id + "/settings").param("title", "  ").param("visibility", "PUBLIC")
                .with(page("ann", "Ann")).with(csrf())).andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("settingsError", "Give your montage a title"));
        mvc.perform(patch("/api/montages/" + id).with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"  \"}")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/montages/" + id).with(api("ann"))).andExpect(jsonPath("$.title").value("Old name"))
                .andExpect(jsonPath("$.visibility").value("PRIVATE"));

        mvc.perform(post("/montages/" + id + "/settings").param("title", "New name").param("visibility", "PRIVATE")
                .with(page("ann", "Ann")).with(csrf())).andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", containsString("made again")));
        mvc.perform(get("/api/montages/" + id).with(api("ann"))).andExpect(jsonPath("$.title").value("New name"))
                .andExpect(jsonPath("$.layout").value("SEQUENCE"));
        mvc.perform(post("/montages/" + id + "/settings").param("title", "New name").param("visibility", "PRIVATE")
                .param("layout", "GRID").with(page("ann", "Ann")).with(csrf()))
                .andExpect(flash().attribute("notice", containsString("made again")));
        mvc.perform(get("/api/montages/" + id).with(api("ann"))).andExpect(jsonPath("$.layout").value("GRID"))
                .andExpect(jsonPath("$.transition").value("CUT"));
        mvc.perform(patch("/api/montages/" + id).with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"transition\":\"CROSSFADE\"}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.transition").value("CROSSFADE")).andExpect(jsonPath("$.title").value("New name"));
        mvc.perform(get("/api/montages/" + id).with(api("ann"))).andExpect(jsonPath("$.framing").value("BARS"));
        mvc.perform(post("/montages/" + id + "/settings").param("title", "New name").param("visibility", "PRIVATE")
                .param("framing", "BLURRED").with(page("ann", "Ann")).with(csrf()))
                .andExpect(flash().attribute("notice", containsString("made again")));
        mvc.perform(get("/api/montages/" + id).with(api("ann"))).andExpect(jsonPath("$.framing").value("BLURRED"));
        mvc.perform(patch("/api/montages/" + id).with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"framing\":\"SIDEWAYS\"}")).andExpect(status().isBadRequest());
    }

    @Test
    void theListIsSearchedByTitleOrContributorAndSorted() throws Exception {
        String beach = createWithApi("Beach day", "ann");
        String mountain = createWithApi("Mountain hike", "ann");
        String invite = mongo.findById(mountain, Document.class, MongoCollections.MONTAGES).getString("inviteCode");
        mvc.perform(post("/join/" + invite).with(page("bob", "Bobby Tables")).with(csrf()))
                .andExpect(status().is3xxRedirection());

        mvc.perform(get("/").param("q", "BEACH").with(page("ann", "Ann")))
                .andExpect(content().string(containsString("Beach day")))
                .andExpect(content().string(not(containsString("Mountain hike"))));
        mvc.perform(get("/").param("q", "bobby").with(page("ann", "Ann")))
                .andExpect(content().string(containsString("Mountain hike")))
                .andExpect(content().string(not(containsString("Beach day"))));
        mvc.perform(get("/").param("q", "(.*").with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Nothing matches")));
        mvc.perform(get("/api/montages").param("sort", "TITLE").with(api("ann")))
                .andExpect(jsonPath("$[0].id").value(beach)).andExpect(jsonPath("$[1].id").value(mountain));
        mvc.perform(get("/api/montages").param("sort", "NEWEST").with(api("ann")))
                .andExpect(jsonPath("$[0].id").value(mountain));
        mvc.perform(get("/api/montages").param("sort", "SIDEWAYS").with(api("ann")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aFailedRenderSaysWhyOnItsCardAndNamesAreTextNeverMarkup() throws Exception {
        mongo.insert(new Document("_id", "f1").append("title", "Broken").append("owner", "ann")
                .append("contributors", List.of("ann")).append("visibility", "PRIVATE"), MongoCollections.MONTAGES);
        mongo.insert(new Document("_id", "f1").append("status", "FAILED")
                .append("failure", "None of the takes could be used: no picture")
                .append("shots", List.of(new Document("contributor", "<img src=x onerror=alert(1)>")
                        .append("offsetSeconds", 0.0).append("durationSeconds", 1.0))), MongoCollections.RENDERS);
        mvc.perform(get("/").with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("FAILED")))
                .andExpect(content().string(containsString("None of the takes could be used: no picture")))
                .andExpect(content().string(not(containsString("<img src=x"))));
        mvc.perform(get("/montages/f1").with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;img src=x onerror=alert(1)&gt;")))
                .andExpect(content().string(not(containsString("<img src=x"))));
    }

    @Test
    void whoIsOnAirShowsOnTheCardAndTheWatchPage() throws Exception {
        String id = createWithApi("Live", "ann");
        mongo.insert(new Document("_id", id).append("fence", 1L).append("holder", new Document("username", "ann")
                .append("displayName", "Ann <Live>").append("fence", 1L)), MongoCollections.FLOORS);
        mvc.perform(get("/").with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("● On air: Ann &lt;Live&gt;")));
        mvc.perform(get("/montages/" + id).with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("<p class=\"notice onair\" id=\"on-air\">")))
                .andExpect(content().string(containsString("id=\"on-air-name\">Ann &lt;Live&gt;</span>")));
        mongo.remove(new Query(), MongoCollections.FLOORS);
        // Nobody on air: the notice is there for the live player to show when someone goes on air, but hidden.
        mvc.perform(get("/montages/" + id).with(page("ann", "Ann")))
                .andExpect(content().string(containsString("id=\"on-air\" hidden=\"hidden\"")));
    }

    @Test
    void aMontageNeedsATitle() throws Exception {
        mvc.perform(post("/api/montages").with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"  \"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("A montage needs a title"));
    }

    /** A validation message once echoed a 25 MiB title into one 26 MB log line. */
    @Test
    void aHugeTitleIsRefusedWithoutBeingEchoedIntoLogsOrTheAnswer(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        String longTitle = "x".repeat(60_000);
        mvc.perform(post("/api/montages").with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"" + longTitle + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("A title is at most 120 characters"));
        mvc.perform(post("/api/montages").with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"" + "x".repeat(70 * 1024) + "\"}"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.detail").value(containsString("at most 64 KiB of JSON")));
        mvc.perform(get("/api/montages/" + "y".repeat(5000)).with(api("ann"))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString(" characters)")));

        assertThat(output.getAll()).as("no log line carries what the client sent at length")
                .doesNotContain("x".repeat(MORE_THAN_CLIPPED)).doesNotContain("y".repeat(MORE_THAN_CLIPPED));
        assertThat(mongo.count(new Query(), MongoCollections.MONTAGES)).isZero();
    }

    @Test
    void titlesOthersWouldSeeMustBeVisibleTextWithoutControlOrDirectionCharacters() throws Exception {
        for (String title : List.of("Ann\u202Enimda", "\u200B\u200B\u200B", "bell\u0007", "two\nlines",
                "\u2066isolated\u2069")) {
            mvc.perform(post("/api/montages").with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                            .content(tools.jackson.databind.json.JsonMapper.builder().build()
                                    .writeValueAsString(java.util.Map.of("title", title))))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value(containsString("no control characters")));
        }
        assertThat(mongo.count(new Query(), MongoCollections.MONTAGES)).isZero();
        createWithApi("Día de playa 🏖️ — 夏", "ann");
        assertThat(mongo.count(new Query(), MongoCollections.MONTAGES)).isOne();
    }

    @Test
    void aPagePastTheLastIsEmptyAndANegativePageIsRefused() throws Exception {
        createWithApi("Only one", "ann");
        mvc.perform(get("/api/montages").param("page", "0").with(api("ann"))).andExpect(jsonPath("$.length()").value(1));
        // 178956971 x 24 overflows an int to a small number: it must not wrap back to the first page.
        for (String past : List.of("1", "178956971", "2147483647")) {
            mvc.perform(get("/api/montages").param("page", past).with(api("ann"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.length()").value(0));
        }
        mvc.perform(get("/api/montages").param("page", "-1").with(api("ann"))).andExpect(status().isBadRequest());
    }

    @Test
    void anUnknownMontageIsAFriendly404() throws Exception {
        mvc.perform(get("/montages/nope").with(page("ann", "Ann")).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/montages/nope").with(api("ann"))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no montage nope"));
    }

    @Test
    void withoutAnSmtpServerNoInvitationIsQueuedAndTheOwnerIsToldToShareTheLink() throws Exception {
        String id = createWithApi("No mail here", "ann");

        mvc.perform(post("/api/montages/" + id + "/invitations").with(api("ann")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"bob@example.org\"}")).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail").value("E-mail is not set up on this Montazz: share the invitation "
                        + "link instead"));
        mvc.perform(get("/montages/" + id).with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("invite-link")))
                .andExpect(content().string(not(containsString("invite-email"))));
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), MongoCollections.MAIL))
                .isZero();
    }

    private String createWithApi(String title, String owner) throws Exception {
        String body = mvc.perform(post("/api/montages").with(api(owner)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"" + title + "\"}"))
                .andExpect(status().isCreated()).andExpect(header().exists("Location"))
                .andReturn().getResponse().getContentAsString();
        return body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

}
