package dev.montazz.portal.edit;

import static dev.montazz.security.testing.TestUsers.api;
import static dev.montazz.security.testing.TestUsers.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.take.MontageTakesView;
import dev.montazz.contract.Topics;
import dev.montazz.contract.montage.FilmEdit;
import dev.montazz.contract.montage.MontageSettings;
import dev.montazz.stack.TestInfrastructure;
import org.apache.kafka.clients.consumer.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The owner's editor over the API and the watch page's forms, on a real MongoDB-wire server and broker: each edit is
 * stored where merge-service reads it and asks for a render; nobody else edits; bad input changes nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1)
class FilmEditorTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "portal-editor");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ConsumerFactory<String, byte[]> consumers;

    @Autowired
    JsonMapper json;

    private String montage;
    private String ann;
    private String bob;
    private String cleo;
    private Consumer<String, byte[]> renderRequests;

    @BeforeEach
    void aMontageWithThreeTakes() throws Exception {
        String body = mvc.perform(post("/api/montages").with(api("ann", "Ann")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"Edited\"}")).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        montage = json.readTree(body).get("id").asString();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(montage)),
                new Update().addToSet("contributors").each("bob", "cleo"), MongoCollections.MONTAGES);
        ann = take("ann", "Ann", 10, 3.0);
        bob = take("bob", "Bob", 20, 2.0);
        cleo = take("cleo", "Cleo", 30, 4.0);
        Properties fromStart = new Properties();
        fromStart.put("auto.offset.reset", "earliest");
        renderRequests = consumers.createConsumer("test-" + UUID.randomUUID(), null, null, fromStart);
        renderRequests.subscribe(List.of(Topics.RENDER_REQUESTS));
    }

    @AfterEach
    void close() {
        renderRequests.close();
    }

    @Test
    void theOwnerReordersLeavesOutPutsBackAndUndoesAndEveryEditAsksForANewFilm() throws Exception {
        shots().andExpect(jsonPath("$.inFilm[*].contributor", contains("Ann", "Bob", "Cleo")))
                .andExpect(jsonPath("$.leftOut").isEmpty()).andExpect(jsonPath("$.canUndo").value(false))
                .andExpect(jsonPath("$.inFilm[0].seconds").value(3.0))
                .andExpect(jsonPath("$.inFilm[0].id").value(ShotIds.of(ann)))
                .andExpect(content().string(not(containsString(ann))));

        arrange(List.of(ShotIds.of(cleo), ShotIds.of(ann)), List.of(ShotIds.of(bob))).andExpect(status().isOk())
                .andExpect(jsonPath("$.inFilm[*].contributor", contains("Cleo", "Ann")))
                .andExpect(jsonPath("$.leftOut[*].contributor", contains("Bob")))
                .andExpect(jsonPath("$.canUndo").value(true));
        assertThat(settings().edit()).as("stored as merge-service reads it")
                .isEqualTo(new FilmEdit(List.of(cleo, ann, bob), List.of(bob)));
        assertThat(awaitRenderRequests(1)).singleElement().asString().contains("shots edited");

        // The page's forms: Ann's shot goes earlier, then Bob's is put back, at his place (last).
        mvc.perform(post("/montages/" + montage + "/shots/" + ShotIds.of(ann) + "/earlier").with(page("ann", "Ann"))
                .with(csrf())).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/montages/" + montage))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("editorFocus", "earlier-" + ShotIds.of(ann)));
        mvc.perform(post("/montages/" + montage + "/shots/" + ShotIds.of(bob) + "/put-back").with(page("ann", "Ann"))
                .with(csrf())).andExpect(status().is3xxRedirection());
        shots().andExpect(jsonPath("$.inFilm[*].contributor", contains("Ann", "Cleo", "Bob")));
        // Dragged: the order as the page sends it.
        mvc.perform(post("/montages/" + montage + "/shots/order").with(page("ann", "Ann")).with(csrf())
                .param("order", String.join(",", ShotIds.of(bob), ShotIds.of(ann), ShotIds.of(cleo))))
                .andExpect(status().is3xxRedirection());
        shots().andExpect(jsonPath("$.inFilm[*].contributor", contains("Bob", "Ann", "Cleo")));
        assertThat(awaitRenderRequests(3)).hasSize(3);

        // A take recorded after the edits joins the end of the film.
        take("ann", "Ann", 40, 1.5);
        shots().andExpect(jsonPath("$.inFilm[*].contributor", contains("Bob", "Ann", "Cleo", "Ann")));

        undo().andExpect(status().isOk())
                .andExpect(jsonPath("$.inFilm[*].contributor", contains("Ann", "Cleo", "Bob", "Ann")));
        undo();
        undo().andExpect(jsonPath("$.inFilm[*].contributor", contains("Cleo", "Ann", "Ann")))
                .andExpect(jsonPath("$.leftOut[*].contributor", contains("Bob")));
        undo().andExpect(jsonPath("$.inFilm[*].contributor", contains("Ann", "Bob", "Cleo", "Ann")))
                .andExpect(jsonPath("$.canUndo").value(false));
        undo().andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value("There is no edit to undo"));
        assertThat(awaitRenderRequests(4)).hasSize(4);
    }

    @Test
    void theOwnerTrimsAShotAndTheTrimStaysThroughOtherEditsUntilUndoneOrRemoved() throws Exception {
        mvc.perform(put("/api/montages/" + montage + "/shots/" + ShotIds.of(cleo) + "/trim").with(api("ann", "Ann"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"start\":0.5,\"end\":3.04}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.inFilm[2].trimStart").value(0.5))
                .andExpect(jsonPath("$.inFilm[2].trimEnd").value(3.0))
                .andExpect(jsonPath("$.inFilm[2].shownSeconds").value(2.5));
        assertThat(settings().edit().trimOf(cleo)).hasValueSatisfying(trim -> {
            assertThat(trim.startSeconds()).isEqualTo(0.5);
            assertThat(trim.endSeconds()).isEqualTo(3.0);
        });
        arrange(List.of(ShotIds.of(cleo)), List.of()).andExpect(jsonPath("$.inFilm[0].trimStart").value(0.5));
        // The page's form: to the end of the shot is as far as it goes, even a slider's step past it.
        mvc.perform(post("/montages/" + montage + "/shots/" + ShotIds.of(ann) + "/trim").with(page("ann", "Ann"))
                .with(csrf()).param("start", "1.0").param("end", "3.05")).andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("editorFocus", "trim-" + ShotIds.of(ann)));
        shots().andExpect(jsonPath("$.inFilm[1].contributor").value("Ann"))
                .andExpect(jsonPath("$.inFilm[1].trimEnd").value(3.0));
        mvc.perform(get("/montages/" + montage).with(page("ann", "Ann")))
                .andExpect(content().string(containsString("Trimmed to 1.0–3.0 s")))
                .andExpect(content().string(containsString("2.0 s of 3.0 s (trimmed)")));

        undo().andExpect(jsonPath("$.inFilm[1].trimStart").doesNotExist());
        mvc.perform(delete("/api/montages/" + montage + "/shots/" + ShotIds.of(cleo) + "/trim")
                .with(api("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.inFilm[0].trimStart").doesNotExist());
        // Trimming to the whole shot is no trim.
        mvc.perform(put("/api/montages/" + montage + "/shots/" + ShotIds.of(bob) + "/trim").with(api("ann", "Ann"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"start\":0,\"end\":2.0}"))
                .andExpect(status().isOk());
        assertThat(settings().edit().trims()).isEmpty();
        assertThat(awaitRenderRequests(5)).hasSize(5);
    }

    @Test
    void badTrimsGetAReasonAndChangeNothing() throws Exception {
        for (String body : List.of("{\"start\":2.0,\"end\":2.2}", "{\"start\":-1,\"end\":2}",
                "{\"start\":1}", "{\"start\":\"soon\",\"end\":2}")) {
            mvc.perform(put("/api/montages/" + montage + "/shots/" + ShotIds.of(ann) + "/trim").with(api("ann", "Ann"))
                    .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isBadRequest());
        }
        mvc.perform(put("/api/montages/" + montage + "/shots/nope/trim").with(api("ann", "Ann"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"start\":0,\"end\":1}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(containsString("no shot")));
        mvc.perform(put("/api/montages/" + montage + "/shots/" + ShotIds.of(ann) + "/trim").with(api("bob", "Bob"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"start\":0,\"end\":1}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/montages/" + montage + "/shots/" + ShotIds.of(ann) + "/trim").with(page("ann", "Ann"))
                .with(csrf()).param("start", "1").param("end", "NaN")).andExpect(status().isBadRequest());
        mvc.perform(get("/montages/" + montage + "/takes/" + ShotIds.of(ann) + ".mp4").with(page("bob", "Bob")))
                .andExpect(status().isForbidden());
        assertUnedited();
        // A shot still being prepared has no length yet.
        String preparing = montage + "/dave/t8";
        mongo.insert(new Document("_id", preparing).append("montageId", montage).append("contributorId", "dave")
                .append("contributor", "Dave").append("firstPartition", 0).append("firstOffset", 98)
                .append("lastSequence", 2), MongoCollections.TAKES);
        listed(preparing);
        mvc.perform(put("/api/montages/" + montage + "/shots/" + ShotIds.of(preparing) + "/trim")
                .with(api("ann", "Ann")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"start\":0,\"end\":1}")).andExpect(status().isConflict());
    }

    @Test
    void aRetakeAskedForIsReplacedWhereItIsByTheContributorsNextTake() throws Exception {
        mvc.perform(post("/api/montages/" + montage + "/shots/" + ShotIds.of(bob) + "/retake").with(api("ann", "Ann")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.inFilm[1].retakeAsked").value(true))
                .andExpect(jsonPath("$.inFilm[*].contributor", contains("Ann", "Bob", "Cleo")));
        assertThat(settings().edit().retakes()).singleElement().satisfies(retake -> {
            assertThat(retake.takeId()).isEqualTo(bob);
            assertThat(retake.contributorId()).isEqualTo("bob");
        });
        assertThat(renderRequestsFor(Duration.ofSeconds(1))).as("nothing to render until Bob records").isEmpty();
        mvc.perform(get("/montages/" + montage).with(page("ann", "Ann")))
                .andExpect(content().string(containsString("Retake asked of Bob")))
                .andExpect(content().string(containsString("id=\"cancel-retake-" + ShotIds.of(bob) + "\"")));
        mvc.perform(post("/api/montages/" + montage + "/shots/" + ShotIds.of(bob) + "/retake").with(api("bob", "Bob")))
                .andExpect(status().isForbidden());

        // Bob's next take (after Cleo's) takes his shot's place; the old one waits among the shots left out.
        String again = take("bob", "Bob", 40, 2.5);
        shots().andExpect(jsonPath("$.inFilm[*].id", contains(ShotIds.of(ann), ShotIds.of(again), ShotIds.of(cleo))))
                .andExpect(jsonPath("$.leftOut[*].id", contains(ShotIds.of(bob))))
                .andExpect(jsonPath("$.inFilm[1].retakeAsked").value(false));
        // Putting the old one back works on the cut as the owner sees it.
        mvc.perform(post("/montages/" + montage + "/shots/" + ShotIds.of(bob) + "/put-back").with(page("ann", "Ann"))
                .with(csrf())).andExpect(status().is3xxRedirection());
        shots().andExpect(jsonPath("$.inFilm[*].id", contains(ShotIds.of(ann), ShotIds.of(again), ShotIds.of(bob),
                ShotIds.of(cleo))));
        assertThat(settings().edit().retakes()).as("answered, so written into the cut").isEmpty();
    }

    @Test
    void aRetakeRequestCanBeWithdrawn() throws Exception {
        mvc.perform(post("/montages/" + montage + "/shots/" + ShotIds.of(cleo) + "/retake").with(page("ann", "Ann"))
                .with(csrf())).andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("editorFocus", "cancel-retake-" + ShotIds.of(cleo)));
        mvc.perform(delete("/api/montages/" + montage + "/shots/" + ShotIds.of(cleo) + "/retake")
                .with(api("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.inFilm[2].retakeAsked").value(false));
        take("cleo", "Cleo", 50, 1.0);
        shots().andExpect(jsonPath("$.inFilm[*].contributor", contains("Ann", "Bob", "Cleo", "Cleo")));
    }

    @Test
    void theWatchPageShowsTheEditorToTheOwnerOnly() throws Exception {
        arrange(List.of(), List.of(ShotIds.of(bob))).andExpect(status().isOk());
        mvc.perform(get("/montages/" + montage).with(page("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Edit the film")))
                .andExpect(content().string(containsString("id=\"later-" + ShotIds.of(ann) + "\"")))
                .andExpect(content().string(containsString("Left out of the film")))
                .andExpect(content().string(containsString("id=\"put-back-" + ShotIds.of(bob) + "\"")))
                .andExpect(content().string(containsString("Undo last edit")));
        mvc.perform(get("/montages/" + montage).with(page("bob", "Bob"))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Edit the film"))));
    }

    @Test
    void contributorsAreRefusedStrangersFindNothingAndNothingChanges() throws Exception {
        String shot = ShotIds.of(ann);
        mvc.perform(get("/api/montages/" + montage + "/shots").with(api("bob", "Bob"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/montages/" + montage + "/shots").with(api("dave", "Dave"))).andExpect(status().isNotFound());
        mvc.perform(put("/api/montages/" + montage + "/shots").with(api("bob", "Bob"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"order\":[\"" + ShotIds.of(cleo) + "\"]}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/montages/" + montage + "/shots").with(api("dave", "Dave"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"order\":[\"" + ShotIds.of(cleo) + "\"]}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/montages/" + montage + "/shots/undo").with(api("bob", "Bob")))
                .andExpect(status().isForbidden());
        for (String action : List.of("earlier", "later", "leave-out", "put-back")) {
            mvc.perform(post("/montages/" + montage + "/shots/" + shot + "/" + action).with(page("bob", "Bob"))
                    .with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/montages/" + montage + "/shots/" + shot + "/" + action).with(page("dave", "Dave"))
                    .with(csrf())).andExpect(status().isNotFound());
            mvc.perform(post("/montages/" + montage + "/shots/" + shot + "/" + action).with(page("ann", "Ann")))
                    .andExpect(status().isForbidden());   // the owner too, without the page's CSRF token
        }
        mvc.perform(post("/montages/" + montage + "/shots/order").with(page("bob", "Bob")).with(csrf())
                .param("order", ShotIds.of(cleo))).andExpect(status().isForbidden());
        mvc.perform(post("/montages/" + montage + "/shots/undo").with(page("dave", "Dave")).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/montages/" + montage + "/takes/" + shot + ".jpg").with(page("bob", "Bob")))
                .andExpect(status().isForbidden());

        assertUnedited();
    }

    @Test
    void badEditsGetAReasonAndChangeNothing() throws Exception {
        arrange(List.of("no-such-shot"), List.of()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("There is no shot no-such-shot in this montage"));
        arrange(List.of(ShotIds.of(ann), ShotIds.of(ann)), List.of()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("at most once")));
        arrange(List.of(), List.of(ShotIds.of(ann), ShotIds.of(bob), ShotIds.of(cleo))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("at least one shot")));
        mvc.perform(put("/api/montages/" + montage + "/shots").with(api("ann", "Ann"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"order\":\"not a list\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/montages/" + montage + "/shots/" + ShotIds.of(ann) + "/earlier").with(page("ann", "Ann"))
                .with(csrf())).andExpect(status().isBadRequest());
        mvc.perform(post("/montages/" + montage + "/shots/" + ShotIds.of(cleo) + "/later").with(page("ann", "Ann"))
                .with(csrf())).andExpect(status().isBadRequest());
        mvc.perform(post("/montages/" + montage + "/shots/%3Cscript%3E/leave-out").with(page("ann", "Ann"))
                .with(csrf())).andExpect(status().isBadRequest());
        undo().andExpect(status().isConflict());

        assertUnedited();
        // A take still being recorded is no shot yet.
        mongo.insert(new Document("_id", montage + "/dave/t9").append("montageId", montage)
                .append("contributorId", "dave").append("contributor", "Dave").append("firstPartition", 0)
                .append("firstOffset", 99), MongoCollections.TAKES);
        listed(montage + "/dave/t9");
        shots().andExpect(jsonPath("$.inFilm.length()").value(3));
        arrange(List.of(ShotIds.of(montage + "/dave/t9")), List.of()).andExpect(status().isBadRequest());
    }

    @Test
    void theOwnerSetsTheMusicsLevelTakesItOutAndPutsItBack() throws Exception {
        mvc.perform(get("/api/montages/" + montage + "/music").with(api("ann", "Ann"))).andExpect(status().isNotFound());
        mvc.perform(put("/api/montages/" + montage + "/music/level").with(api("ann", "Ann"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"level\":-20}")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("no music")));
        mvc.perform(get("/montages/" + montage).with(page("ann", "Ann")))
                .andExpect(content().string(containsString("id=\"add-music\"")))
                .andExpect(content().string(containsString("/montages/" + montage + "/music")));

        music("u-1", "Summer.mp3");
        mvc.perform(get("/api/montages/" + montage + "/music").with(api("ann", "Ann"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Summer.mp3")).andExpect(jsonPath("$.seconds").value(151.4))
                .andExpect(jsonPath("$.levelDb").value(-12.0)).andExpect(jsonPath("$.playing").value(true));
        mvc.perform(put("/api/montages/" + montage + "/music/level").with(api("ann", "Ann"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"level\":-20}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.music.levelDb").value(-20.0));
        assertThat(settings().edit().music()).isEqualTo(new FilmEdit.Music(-20, null));
        assertThat(awaitRenderRequests(1)).singleElement().asString().contains("shots edited");

        // The page's forms.
        mvc.perform(get("/montages/" + montage).with(page("ann", "Ann")))
                .andExpect(content().string(containsString("Summer.mp3")))
                .andExpect(content().string(containsString("2:31")))
                .andExpect(content().string(containsString("-20 dB")));
        mvc.perform(post("/montages/" + montage + "/music/remove").with(page("ann", "Ann")).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("editorFocus", "music-play"));
        assertThat(settings().edit().music()).isEqualTo(new FilmEdit.Music(-20, "u-1"));
        mvc.perform(get("/montages/" + montage).with(page("ann", "Ann")))
                .andExpect(content().string(containsString("Taken out of the film")))
                .andExpect(content().string(containsString("id=\"music-play\"")));
        // A new upload plays again; undo brings the removal of the old one back, which does not touch the new one.
        music("u-2", "Autumn.flac");
        mvc.perform(get("/api/montages/" + montage + "/music").with(api("ann", "Ann")))
                .andExpect(jsonPath("$.playing").value(true));
        undo().andExpect(jsonPath("$.music.playing").value(true)).andExpect(jsonPath("$.music.levelDb").value(-20.0));
        undo().andExpect(jsonPath("$.music.levelDb").value(-12.0));
        mvc.perform(delete("/api/montages/" + montage + "/music/playing").with(api("ann", "Ann")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.music.playing").value(false));
        mvc.perform(put("/api/montages/" + montage + "/music/playing").with(api("ann", "Ann")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.music.playing").value(true));
        assertThat(awaitRenderRequests(5)).as("remove, two undos, out and back in").hasSize(5);
    }

    @Test
    void badMusicLevelsAndOthersHandsChangeNothing() throws Exception {
        music("u-1", "Summer.mp3");
        for (String body : List.of("{\"level\":-31}", "{\"level\":0}", "{}", "{\"level\":\"loud\"}")) {
            mvc.perform(put("/api/montages/" + montage + "/music/level").with(api("ann", "Ann"))
                    .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isBadRequest());
        }
        mvc.perform(post("/montages/" + montage + "/music/level").with(page("ann", "Ann")).with(csrf())
                .param("level", "NaN")).andExpect(status().isBadRequest());
        mvc.perform(put("/api/montages/" + montage + "/music/level").with(api("bob", "Bob"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"level\":-20}")).andExpect(status().isForbidden());
        mvc.perform(delete("/api/montages/" + montage + "/music/playing").with(api("dave", "Dave")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/montages/" + montage + "/music").with(api("bob", "Bob"))).andExpect(status().isForbidden());
        mvc.perform(post("/montages/" + montage + "/music/remove").with(page("bob", "Bob")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/montages/" + montage + "/music/play").with(page("dave", "Dave")).with(csrf()))
                .andExpect(status().isNotFound());
        assertUnedited();
    }

    /** A music bed as merge-service keeps it. */
    private void music(String musicId, String name) {
        mongo.save(new Document("_id", montage).append("musicId", musicId).append("name", name)
                .append("seconds", 151.4).append("loudness", -14.0).append("bytes", 3_000_000L)
                .append("fileId", "f-" + musicId).append("uploadedBy", "ann").append("uploadedAt", Instant.now()),
                MongoCollections.MUSIC);
    }

    private void assertUnedited() throws Exception {
        Document stored = mongo.findById(montage, Document.class, MongoCollections.MONTAGES);
        assertThat(stored).doesNotContainKeys("edit", "editUndo", "editVersion");
        shots().andExpect(jsonPath("$.inFilm[*].contributor", contains("Ann", "Bob", "Cleo")));
        assertThat(renderRequestsFor(Duration.ofSeconds(1))).as("no render asked for").isEmpty();
    }

    /** A finished take as merge-service keeps it. */
    private String take(String username, String name, long offset, double seconds) {
        String id = montage + "/" + username + "/" + UUID.randomUUID();
        // Started in the order of their offsets, as turns follow each other.
        mongo.insert(new Document("_id", id).append("montageId", montage).append("contributorId", username)
                .append("contributor", name).append("container", "webm")
                .append("startedAt", Instant.now().plusSeconds(offset))
                .append("firstPartition", 0).append("firstOffset", offset).append("lastSequence", 3)
                .append("normalisedId", "n-" + offset).append("normalisedSequence", 3).append("seconds", seconds),
                MongoCollections.TAKES);
        listed(id);
        return id;
    }

    /** Listed under its montage, as merge-service lists every take it keeps (its list complete: the editor uses it). */
    private void listed(String takeId) {
        mongo.upsert(Query.query(Criteria.where("_id").is(montage)), new Update().addToSet("takeIds", takeId),
                MongoCollections.MONTAGE_TAKES);
        mongo.upsert(Query.query(Criteria.where("_id").is(MontageTakesView.COMPLETE)),
                new Update().set("takeIds", List.of()), MongoCollections.MONTAGE_TAKES);
    }

    private ResultActions shots() throws Exception {
        return mvc.perform(get("/api/montages/" + montage + "/shots").with(api("ann", "Ann"))).andExpect(status().isOk());
    }

    private ResultActions arrange(List<String> order, List<String> leftOut) throws Exception {
        return mvc.perform(put("/api/montages/" + montage + "/shots").with(api("ann", "Ann"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("order", order, "leftOut", leftOut))));
    }

    private ResultActions undo() throws Exception {
        return mvc.perform(post("/api/montages/" + montage + "/shots/undo").with(api("ann", "Ann")));
    }

    private MontageSettings settings() {
        return mongo.findById(montage, MontageSettings.class, MongoCollections.MONTAGES);
    }

    private List<String> awaitRenderRequests(int count) {
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            seen.addAll(renderRequestsFor(Duration.ofMillis(200)));
            return seen.size() >= count;
        });
        return seen;
    }

    private List<String> renderRequestsFor(Duration duration) {
        List<String> seen = new ArrayList<>();
        renderRequests.poll(duration).forEach(record -> {
            if (montage.equals(record.key())) {
                seen.add(new String(record.value(), StandardCharsets.UTF_8));
            }
        });
        return seen;
    }
}
