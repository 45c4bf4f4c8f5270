package dev.montazz.merge.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.gridfs.GridFSBuckets;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.render.FilmPiece;
import dev.montazz.contract.Topics;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.montage.Layout;
import dev.montazz.contract.montage.Transition;
import dev.montazz.contract.render.FilmLayout;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.MergeOnRealInfrastructure;
import dev.montazz.merge.render.Render;
import dev.montazz.merge.take.MontageTakes;
import dev.montazz.merge.take.Take;
import dev.montazz.merge.testing.StoredFilms;
import dev.montazz.merge.testing.IngestStandIn;
import dev.montazz.merge.testing.TestMedia;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * merge-service's side of the chunk contract on a real broker and MongoDB-wire server: chunk records with the headers
 * ingest sends (docs/kafka-contract.md) are stored once, confirmed with the documented reply, and become a film.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChunkToFilmTest extends MergeOnRealInfrastructure {

    private static final double TITLE = 2.5;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ProducerFactory<String, byte[]> producers;

    @Autowired
    ConsumerFactory<String, byte[]> consumers;

    @Autowired
    JsonMapper json;

    @Autowired
    MontageTakes montageTakes;

    @Autowired
    dev.montazz.merge.montage.MontagePurge purge;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    dev.montazz.merge.files.MediaCacheProperties cache;

    @Autowired
    dev.montazz.merge.files.MediaFiles files;

    @TempDir
    Path dir;

    private IngestStandIn ingest;

    @BeforeEach
    void ingestStandIn() throws InterruptedException {
        ingest = new IngestStandIn(producers, consumers, RECEIPTS, json);
    }

    @AfterEach
    void stop() {
        ingest.close();
    }

    @Test
    void chunksAreStoredOnceConfirmedAndRenderedIntoAFilm() throws Exception {
        String montage = montage(new Document("title", "Beach day"));
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, "ann", "red", 320, 240, 2.0, 440));
        String take = UUID.randomUUID().toString();
        byte[] first = Arrays.copyOfRange(clip, 0, clip.length / 2);
        byte[] second = Arrays.copyOfRange(clip, clip.length / 2, clip.length);

        JsonNode stored = send(montage, take, 0, false, first);
        JsonNode again = send(montage, take, 0, false, first);
        send(montage, take, 1, true, second);

        assertThat(stored.get("status").asString()).isEqualTo("STORED");
        assertThat(again.get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(again.get("offset").asLong()).isEqualTo(stored.get("offset").asLong());
        assertThat(mongo.count(Query.query(Criteria.where("takeId").is(TakeKey.of(montage, "ann", take))),
                StoredChunk.class)).isEqualTo(2);

        Render render = ready(montage, r -> true);
        assertThat(render.title()).isEqualTo("Beach day");
        assertThat(render.shots()).singleElement().satisfies(shot -> {
            assertThat(shot.contributor()).isEqualTo("Ann");
            assertThat(shot.offsetSeconds()).as("after the title card").isEqualTo(TITLE);
            assertThat(shot.thumbnailId()).isNotNull();
        });
        Take normalised = mongo.findById(TakeKey.of(montage, "ann", take), Take.class);
        assertThat(normalised.usable()).isTrue();
        assertThat(mongo.getCollection("normalised.files").countDocuments(new Document("metadata.takeId",
                TakeKey.of(montage, "ann", take))))
                .as("the take is kept once, in the film's format").isEqualTo(1);
        assertThat(normalised.seconds()).isCloseTo(2.0, within(0.1));
        Path film = download(render.videoId());
        TestMedia.Probe probe = TestMedia.probe(film);
        assertThat(probe.durationSeconds()).isCloseTo(TITLE + 2.0, within(0.2));
        assertThat(probe.width()).isEqualTo(640);
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 1.5), 0)).as("Ann's red shot").isTrue();
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.audioCodec()).isEqualTo("aac");
        assertThat(render.film().facts().sizeBytes()).isEqualTo(Files.size(film));
        assertThat(render.film().facts().durationSeconds()).isCloseTo(probe.durationSeconds(), within(0.01));

        java.awt.image.BufferedImage poster;
        try (InputStream jpeg = GridFSBuckets.create(mongo.getDb(), GridFsBuckets.THUMBNAILS)
                .openDownloadStream(new ObjectId(render.thumbnailId()))) {
            poster = javax.imageio.ImageIO.read(jpeg);
        }
        assertThat(poster.getWidth()).isEqualTo(480);
        java.awt.Color middle = new java.awt.Color(poster.getRGB(240, poster.getHeight() / 2));
        assertThat(middle.getRed()).as("the poster shows Ann's red shot").isGreaterThan(150);
        assertThat(middle.getGreen()).isLessThan(90);
    }

    /**
     * Take ids come from browsers. Bob sending the id of Ann's take, in his own montage or in hers, makes a take of
     * his own: it neither passes as a re-send of her chunks nor extends her shot.
     */
    @Test
    void aTakeIdSomeoneElseUsedIsAnotherTakeAndNeverTouchesTheirs() throws Exception {
        String annsMontage = montage(new Document("title", "Ann's"));
        String bobsMontage = montage(new Document("title", "Bob's"));
        byte[] red = Files.readAllBytes(TestMedia.webm(dir, "ann", "red", 320, 240, 2.0, 440));
        byte[] blue = Files.readAllBytes(TestMedia.webm(dir, "bob", "blue", 320, 240, 3.0, 660));
        String take = UUID.randomUUID().toString();
        send(annsMontage, take, 0, false, Arrays.copyOfRange(red, 0, red.length / 2));
        send(annsMontage, take, 1, true, Arrays.copyOfRange(red, red.length / 2, red.length));
        Render annsFilm = ready(annsMontage, r -> true);

        int third = blue.length / 3;
        JsonNode first = send(bobsMontage, "bob", "Bob", take, 0, false, Arrays.copyOfRange(blue, 0, third), "webm");
        send(bobsMontage, "bob", "Bob", take, 1, false, Arrays.copyOfRange(blue, third, 2 * third), "webm");
        send(bobsMontage, "bob", "Bob", take, 2, true, Arrays.copyOfRange(blue, 2 * third, blue.length), "webm");
        JsonNode inHers = send(annsMontage, "bob", "Bob", take, 0, false, Arrays.copyOfRange(blue, 0, third), "webm");

        assertThat(first.get("status").asString()).isEqualTo("STORED");
        assertThat(inHers.get("status").asString()).as("Bob's chunk in Ann's montage is his own").isEqualTo("STORED");
        Take anns = mongo.findById(TakeKey.of(annsMontage, "ann", take), Take.class);
        assertThat(anns.lastSequence()).as("Ann's take did not grow").isEqualTo(1);
        assertThat(anns.contributorId()).isEqualTo("ann");
        assertThat(mongo.count(Query.query(Criteria.where("takeId").is(anns.id())), StoredChunk.class)).isEqualTo(2);
        assertThat(mongo.findById(TakeKey.of(annsMontage, "bob", take), Take.class).contributor()).isEqualTo("Bob");

        Render bobsFilm = ready(bobsMontage, r -> true);
        assertThat(bobsFilm.shots()).singleElement().satisfies(shot -> assertThat(shot.contributor()).isEqualTo("Bob"));
        assertThat(bobsFilm.film().facts().durationSeconds()).isCloseTo(TITLE + 3.0, within(0.2));
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(download(bobsFilm.videoId()), TITLE + 2.5), 2))
                .as("Bob's blue shot, whole").isTrue();
        assertThat(mongo.findById(annsMontage, Render.class).videoId()).as("Ann's film untouched so far")
                .isEqualTo(annsFilm.videoId());
    }

    @Test
    void aChunkSentAgainWithOtherBytesIsRefusedAndTheStoredBytesKept() throws Exception {
        String montage = montage(new Document("title", "Resend"));
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, "resend", "red", 320, 240, 1.0, 440));
        byte[] other = Files.readAllBytes(TestMedia.webm(dir, "other", "blue", 320, 240, 1.0, 440));
        String take = UUID.randomUUID().toString();
        send(montage, take, 0, false, clip);

        JsonNode same = send(montage, take, 0, false, clip);
        JsonNode different = send(montage, take, 0, false, other);

        assertThat(same.get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(different.get("status").asString()).isEqualTo("REJECTED");
        assertThat(different.get("reason").asString()).contains("already stored with other bytes");
        String id = TakeKey.of(montage, "ann", take) + ":0";
        assertThat(mongo.findById(id, StoredChunk.class).data()).isEqualTo(clip);
    }

    /** What ingest holds each person's quota against: bytes stored once, per montage, gone with the montage. */
    @Test
    void eachPersonsStoredBytesAreCountedOnceAndLeaveWithTheirMontage() throws Exception {
        String first = montage(new Document("title", "Usage 1"));
        String second = montage(new Document("title", "Usage 2"));
        String person = "usage-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, "usage", "red", 320, 240, 1.0, 440));
        String take = UUID.randomUUID().toString();
        send(first, person, "Uma", take, 0, false, clip, "webm");
        send(first, person, "Uma", take, 0, false, clip, "webm");
        send(first, person, "Uma", take, 1, false, new byte[1000], "webm");
        send(second, person, "Uma", take, 0, false, clip, "webm");

        // Counted just after each receipt.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(storedBytes(person))
                .as("a re-send is not counted again").isEqualTo(2L * clip.length + 1000));
        purge.purge(first);
        assertThat(storedBytes(person)).isEqualTo(clip.length);
        purge.purge(first);
        assertThat(storedBytes(person)).as("a purge announced twice subtracts once").isEqualTo(clip.length);
    }

    private long storedBytes(String person) {
        Document usage = mongo.findById(person, Document.class, MongoCollections.USAGE);
        return usage == null ? 0 : ((Number) usage.get("bytes")).longValue();
    }

    @Test
    void aGridMontageShowsItsTakesSideBySideAfterTheTitleCard() throws Exception {
        String montage = montage(new Document("title", "Grid").append("layout", Layout.GRID.name()));
        send(montage, UUID.randomUUID().toString(), 0, true,
                Files.readAllBytes(TestMedia.webm(dir, "g1", "red", 320, 240, 2.0, 440)));
        send(montage, UUID.randomUUID().toString(), 0, true,
                Files.readAllBytes(TestMedia.webm(dir, "g2", "blue", 320, 240, 1.0, 660)));

        Render render = ready(montage, r -> r.shots().size() == 2);
        assertThat(render.layout()).isEqualTo(FilmLayout.GRID);
        assertThat(render.shots()).allSatisfy(shot -> assertThat(shot.offsetSeconds()).isEqualTo(TITLE));
        assertThat(render.film().facts().durationSeconds()).as("the title card and the longest take")
                .isCloseTo(TITLE + 2.0, within(0.2));
        TestMedia.Probe probe = TestMedia.probe(download(render.videoId()));
        assertThat(probe.durationSeconds()).isCloseTo(render.film().facts().durationSeconds(), within(0.05));
        assertThat(probe.audioCodec()).isEqualTo("aac");
    }

    @Test
    void aCrossfadeMontageOverlapsEachShotWithTheNext() throws Exception {
        String montage = montage(new Document("title", "Dissolves").append("transition", Transition.CROSSFADE.name()));
        send(montage, UUID.randomUUID().toString(), 0, true,
                Files.readAllBytes(TestMedia.webm(dir, "c1", "red", 320, 240, 2.0, 440)));
        send(montage, UUID.randomUUID().toString(), 0, true,
                Files.readAllBytes(TestMedia.webm(dir, "c2", "blue", 320, 240, 2.0, 660)));

        Render render = ready(montage, r -> r.shots().size() == 2);
        assertThat(render.layout()).isEqualTo(FilmLayout.CROSSFADE);
        // Title card, Ann, Bob: two dissolves of half a second each.
        assertThat(render.film().facts().durationSeconds()).isCloseTo(TITLE + 2.0 + 2.0 - 1.0, within(0.2));
        assertThat(render.shots().get(0).offsetSeconds()).isCloseTo(TITLE - 0.5, within(0.05));
        assertThat(render.shots().get(1).offsetSeconds()).isCloseTo(TITLE - 0.5 + 2.0 - 0.5, within(0.05));
    }

    /**
     * The owner's cut, as the portal stores it in the montage: Cleo's blue shot first, then Ann's red one, Bob's green
     * one left out. The film follows it, joined from the takes already normalised.
     */
    @Test
    void theOwnersOrderAndTheShotsLeftOutShapeTheFilm() throws Exception {
        String montage = montage(new Document("title", "Cut by the owner"));
        String red = UUID.randomUUID().toString();
        String green = UUID.randomUUID().toString();
        String blue = UUID.randomUUID().toString();
        send(montage, "ann", "Ann", red, 0, true,
                Files.readAllBytes(TestMedia.webm(dir, "e1", "red", 320, 240, 1.0, 440)), "webm");
        send(montage, "bob", "Bob", green, 0, true,
                Files.readAllBytes(TestMedia.webm(dir, "e2", "green", 320, 240, 1.0, 550)), "webm");
        send(montage, "cleo", "Cleo", blue, 0, true,
                Files.readAllBytes(TestMedia.webm(dir, "e3", "blue", 320, 240, 1.0, 660)), "webm");
        Render recorded = ready(montage, r -> r.shots().size() == 3);
        assertThat(recorded.shots()).extracting(Render.Shot::contributor).containsExactly("Ann", "Bob", "Cleo");
        double fromDisk = cacheHits();

        mongo.updateFirst(Query.query(Criteria.where("_id").is(montage)), new org.springframework.data.mongodb.core
                .query.Update().set("edit", new dev.montazz.contract.montage.FilmEdit(java.util.List.of(
                        TakeKey.of(montage, "cleo", blue), TakeKey.of(montage, "ann", red)),
                        java.util.List.of(TakeKey.of(montage, "bob", green)))), MongoCollections.MONTAGES);
        producers.createProducer().send(new ProducerRecord<>(Topics.RENDER_REQUESTS, montage, json.writeValueAsBytes(
                new dev.montazz.contract.render.RenderRequest(montage, "shots edited", java.time.Instant.now()))))
                .get();

        Render edited = ready(montage, r -> r.shots().size() == 2);
        assertThat(edited.shots()).extracting(Render.Shot::contributor).containsExactly("Cleo", "Ann");
        Path film = download(edited.videoId());
        assertThat(TestMedia.probe(film).durationSeconds()).isCloseTo(TITLE + 2.0, within(0.2));
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 0.5), 2)).as("Cleo's blue shot first").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 1.5), 0)).as("then Ann's red one").isTrue();
        assertThat(mongo.findById(TakeKey.of(montage, "bob", green), Take.class).usable())
                .as("the shot left out is kept, to be put back").isTrue();
        assertThat(cacheHits() - fromDisk).as("both takes joined from merge's disk, not fetched").isGreaterThanOrEqualTo(2);
    }

    /**
     * The owner edits faster than merge renders: each edit asks for a render, and those asked for while one runs are
     * made as one film of the last edit; meanwhile the previous film stays playable.
     */
    @Test
    void editsAskedForDuringARenderAreMadeAsOneFilmOfTheLastEdit() throws Exception {
        String montage = montage(new Document("title", "Quick edits"));
        String red = UUID.randomUUID().toString();
        String blue = UUID.randomUUID().toString();
        send(montage, "ann", "Ann", red, 0, true,
                Files.readAllBytes(TestMedia.webm(dir, "q1", "red", 320, 240, 1.0, 440)), "webm");
        send(montage, "bob", "Bob", blue, 0, true,
                Files.readAllBytes(TestMedia.webm(dir, "q2", "blue", 320, 240, 1.0, 550)), "webm");
        Render first = ready(montage, r -> r.shots().size() == 2);
        String redShot = TakeKey.of(montage, "ann", red);
        String blueShot = TakeKey.of(montage, "bob", blue);
        double rendersBefore = renders();

        // Only the last puts Bob's shot first with Ann's after it.
        List<List<String>> edits = List.of(List.of(redShot), List.of(blueShot), List.of(redShot, blueShot),
                List.of(blueShot, redShot));
        for (List<String> order : edits) {
            List<String> leftOut = order.size() == 2 ? List.of() : List.of(order.contains(redShot) ? blueShot : redShot);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(montage)), new org.springframework.data.mongodb
                    .core.query.Update().set("edit", new dev.montazz.contract.montage.FilmEdit(order, leftOut)),
                    MongoCollections.MONTAGES);
            requestRender(montage, "shots edited");
            assertThat(mongo.findById(montage, Render.class).videoId())
                    .as("the previous film stays playable while the next is made").isNotNull();
        }

        Render last = ready(montage, r -> !r.videoId().equals(first.videoId())
                && r.shots().get(0).contributor().equals("Bob") && r.shots().size() == 2);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                .until(() -> renders() - rendersBefore <= 2);
        assertThat(renders() - rendersBefore).as("four edits, at most two films").isBetween(1.0, 2.0);
        assertThat(mongo.findById(montage, Render.class).videoId()).as("the last edit's film").isEqualTo(last.videoId());
        Path film = download(last.videoId());
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 0.5), 2)).as("Bob's blue shot first").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 1.5), 0)).as("then Ann's red one").isTrue();
    }

    private double renders() {
        return meters.get("montazz.render").timer().count();
    }

    private double cacheHits() {
        return meters.get("montazz.media.cache").tag("result", "hit").counter().count();
    }

    /** The copies merge keeps on its disk to make edits quick are of the montage, and go with it. */
    @Test
    void aDeletedMontageLeavesNothingOnMergesDisk() throws Exception {
        String montage = montage(new Document("title", "Gone without a trace"));
        send(montage, UUID.randomUUID().toString(), 0, true,
                Files.readAllBytes(TestMedia.webm(dir, "trace", "red", 320, 240, 1.0, 440)));
        ready(montage, r -> r.shots().size() == 1);
        assertThat(cachedOf(montage)).as("the take and the title card").hasSize(2);

        purge.purge(montage);

        assertThat(cachedOf(montage)).isEmpty();
    }

    private List<String> cachedOf(String montage) throws java.io.IOException {
        try (var entries = Files.list(cache.dir())) {
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> name.startsWith(montage + "."))
                    .toList();
        }
    }

    /**
     * The owner trims a shot: the film shows only that part of it, the trimmed copy is made once and kept, and a
     * request for the same cut makes nothing again.
     */
    @Test
    void aTrimmedShotShowsOnlyItsPartAndItsCopyIsMadeOnce() throws Exception {
        String montage = montage(new Document("title", "Trimmed"));
        String take = UUID.randomUUID().toString();
        send(montage, take, 0, true, Files.readAllBytes(TestMedia.webmTurning(dir, "turn", "red", "blue", 4.0)));
        Render whole = ready(montage, r -> r.shots().size() == 1);
        String key = TakeKey.of(montage, "ann", take);

        mongo.updateFirst(Query.query(Criteria.where("_id").is(montage)), new org.springframework.data.mongodb.core
                .query.Update().set("edit", new dev.montazz.contract.montage.FilmEdit(java.util.List.of(key),
                        java.util.List.of(), java.util.List.of(new dev.montazz.contract.montage.FilmEdit.Trim(key,
                                2.5, 4.0)))), MongoCollections.MONTAGES);
        requestRender(montage, "trimmed");

        Render trimmed = ready(montage, r -> !r.videoId().equals(whole.videoId()));
        assertThat(trimmed.shots()).singleElement().satisfies(shot -> {
            assertThat(shot.durationSeconds()).isCloseTo(1.5, within(0.1));
            assertThat(shot.trimStart()).isEqualTo(2.5);
            assertThat(shot.trimEnd()).isEqualTo(4.0);
        });
        Path film = download(trimmed.videoId());
        assertThat(TestMedia.probe(film).durationSeconds()).isCloseTo(TITLE + 1.5, within(0.2));
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 0.7), 2)).as("only the blue half").isTrue();
        Take kept = mongo.findById(key, Take.class);
        assertThat(kept.trimmed().trimmedId()).isNotNull();
        assertThat(kept.seconds()).as("the whole take is kept too").isCloseTo(4.0, within(0.1));

        requestRender(montage, "the same cut again");
        Thread.sleep(3000);
        assertThat(mongo.findById(montage, Render.class).videoId()).as("nothing made again")
                .isEqualTo(trimmed.videoId());
        assertThat(mongo.findById(key, Take.class).trimmed().trimmedId()).isEqualTo(kept.trimmed().trimmedId());
    }

    /**
     * A cut film is stored in pieces: a new head per render, the takes' media where they lie in their own copies.
     * Trimmed anew, a shot's earlier trimmed copy stays while the film naming it is served and goes once the new film
     * replaces it; nothing is left for the sweeper.
     */
    @Test
    void aCutFilmIsANewHeadNamingTheTakesOwnCopiesAndWhatItNamedGoesWhenReplaced() throws Exception {
        String montage = montage(new Document("title", "Pieces"));
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        send(montage, first, 0, true, Files.readAllBytes(TestMedia.webmTurning(dir, "turn", "red", "blue", 4.0)));
        ready(montage, r -> r.shots().size() == 1);
        send(montage, second, 0, true, Files.readAllBytes(TestMedia.webm(dir, "lime", "lime", 640, 480, 2.0, 440)));
        Render both = ready(montage, r -> r.shots().size() == 2);
        String firstKey = TakeKey.of(montage, "ann", first);
        String secondKey = TakeKey.of(montage, "ann", second);

        assertThat(both.pieces()).extracting(FilmPiece::bucket).containsExactly(GridFsBuckets.VIDEOS,
                GridFsBuckets.NORMALISED, GridFsBuckets.NORMALISED);
        assertThat(both.pieces()).extracting(FilmPiece::fileId).containsExactly(both.videoId(),
                mongo.findById(firstKey, Take.class).normalisedId(), mongo.findById(secondKey, Take.class).normalisedId());
        long headBytes = GridFSBuckets.create(mongo.getDb(), GridFsBuckets.VIDEOS)
                .find(com.mongodb.client.model.Filters.eq("_id", new ObjectId(both.videoId()))).first().getLength();
        assertThat(headBytes).as("the head: the index and the title card").isEqualTo(both.pieces().get(0).length());
        assertThat(both.film().facts().sizeBytes()).isEqualTo(both.pieces().stream().mapToLong(FilmPiece::length).sum());
        Path film = download(both.videoId());
        assertThat(Files.size(film)).isEqualTo(both.film().facts().sizeBytes());
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 0.5), 0)).as("red first").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 3.0), 2)).as("turning blue").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 5.0), 1)).as("green second").isTrue();

        Render trimmed = trim(montage, firstKey, 2.5, 4.0, both);
        String firstTrim = mongo.findById(firstKey, Take.class).trimmed().trimmedId();
        assertThat(trimmed.pieces().get(1).fileId()).as("the trimmed copy in the film").isEqualTo(firstTrim);
        Render retrimmed = trim(montage, firstKey, 1.0, 4.0, trimmed);

        String secondTrim = mongo.findById(firstKey, Take.class).trimmed().trimmedId();
        assertThat(retrimmed.pieces().get(1).fileId()).isEqualTo(secondTrim).isNotEqualTo(firstTrim);
        // Deleted just after the new film is named (and so READY): at most a moment after.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(files.takeExists(firstTrim))
                .as("the first trim went with the film that named it").isFalse());
        assertThat(files.takeExists(mongo.findById(firstKey, Take.class).normalisedId())).as("the whole take stays")
                .isTrue();
        Path refilmed = download(retrimmed.videoId());
        assertThat(TestMedia.probe(refilmed).durationSeconds()).isCloseTo(TITLE + 3.0 + 2.0, within(0.2));
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(refilmed, TITLE + 0.5), 0)).as("red from 1 s").isTrue();
    }

    /** A take's copy its film still names is left while that film is served; one no film names goes at once. */
    @Test
    void aTakeCopyTheFilmStillNamesIsNotDeletedUnderItsViewers() throws Exception {
        String montage = montage(new Document("title", "Served"));
        send(montage, UUID.randomUUID().toString(), 0, true,
                Files.readAllBytes(TestMedia.webm(dir, "red", "red", 640, 480, 1.5, 440)));
        Render render = ready(montage, r -> r.shots().size() == 1);
        String named = render.pieces().get(1).fileId();
        Path spare = TestMedia.webm(dir, "spare", "blue", 320, 240, 0.5, 0);
        String unnamed = files.uploadTake(spare, montage, "spare", "spare");

        files.retireTake(montage, named);
        files.retireTake(montage, unnamed);

        assertThat(files.takeExists(named)).isTrue();
        assertThat(files.takeExists(unnamed)).isFalse();
        assertThat(Files.size(download(render.videoId()))).isEqualTo(render.film().facts().sizeBytes());
    }

    private Render trim(String montage, String key, double start, double end, Render before) throws Exception {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(montage)), new org.springframework.data.mongodb.core
                .query.Update().set("edit", new dev.montazz.contract.montage.FilmEdit(java.util.List.of(),
                        java.util.List.of(), java.util.List.of(new dev.montazz.contract.montage.FilmEdit.Trim(key,
                                start, end)))), MongoCollections.MONTAGES);
        requestRender(montage, "trimmed " + start);
        return ready(montage, r -> !r.videoId().equals(before.videoId()));
    }

    /**
     * A week after a take was normalised its chunks go (the sweeper, in two steps): the film stays, the shot can still
     * be trimmed (from its normalised copy, its name shown as before), and another framing leaves it as it is rather
     * than failing for want of a recording. A chunk of it read again days later (offsets lost, the topic read from its
     * start) is not stored again.
     */
    @Test
    void aTakeWhoseRecordingWentIsStillTrimmedFromItsNormalisedCopy() throws Exception {
        String montage = montage(new Document("title", "Kept a week"));
        String take = UUID.randomUUID().toString();
        byte[] recorded = Files.readAllBytes(TestMedia.webmTurning(dir, "turn", "red", "blue", 4.0));
        send(montage, take, 0, true, recorded);
        Render whole = ready(montage, r -> r.shots().size() == 1);
        String key = TakeKey.of(montage, "ann", take);
        Take kept = mongo.findById(key, Take.class);
        assertThat(kept.normalised().normalisedAt()).as("when its copy was kept").isNotNull();

        java.time.Clock aWeekLater = java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofDays(7).plusHours(1));
        java.time.Clock anHourAfterThat = java.time.Clock.offset(aWeekLater, Duration.ofHours(2));
        assertThat(new RecordingRetention(mongo, Duration.ofDays(7), Duration.ofHours(1), aWeekLater).sweep()
                .released()).isGreaterThanOrEqualTo(1);
        new RecordingRetention(mongo, Duration.ofDays(7), Duration.ofHours(1), anHourAfterThat).sweep();
        assertThat(mongo.count(Query.query(Criteria.where("takeId").is(key)), MongoCollections.CHUNKS))
                .as("its chunks are gone").isZero();
        assertThat(mongo.findById(key, Take.class).usable()).isTrue();
        long used = mongo.getCollection(MongoCollections.USAGE).find(new Document("_id", "ann")).first()
                .get("bytes", Number.class).longValue();

        ProducerRecord<String, byte[]> sent = IngestStandIn.chunk(montage, "ann", "Ann", take, 0, true, recorded);
        IngestStandIn.header(sent, ChunkHeaders.CONTAINER, "webm");
        ProducerRecord<String, byte[]> readAgainDaysLater = new ProducerRecord<>(sent.topic(), null,
                System.currentTimeMillis() - Duration.ofDays(8).toMillis(), sent.key(), sent.value(), sent.headers());
        assertThat(ingest.send(readAgainDaysLater).get("status").asString()).as("stored once, long ago")
                .isEqualTo("DUPLICATE");
        assertThat(mongo.count(Query.query(Criteria.where("takeId").is(key)), MongoCollections.CHUNKS))
                .as("not stored again").isZero();
        assertThat(mongo.getCollection(MongoCollections.USAGE).find(new Document("_id", "ann")).first()
                .get("bytes", Number.class).longValue()).as("nor counted again").isEqualTo(used);

        mongo.updateFirst(Query.query(Criteria.where("_id").is(montage)), new org.springframework.data.mongodb.core
                .query.Update().set("framing", "BLURRED").set("edit", new dev.montazz.contract.montage.FilmEdit(
                        java.util.List.of(key), java.util.List.of(), java.util.List.of(
                                new dev.montazz.contract.montage.FilmEdit.Trim(key, 1.0, 4.0)))),
                MongoCollections.MONTAGES);
        requestRender(montage, "trimmed a week later");

        Render trimmed = ready(montage, r -> !r.videoId().equals(whole.videoId()));
        assertThat(trimmed.film().problems()).isEmpty();
        assertThat(trimmed.shots()).singleElement().satisfies(shot -> {
            assertThat(shot.durationSeconds()).isCloseTo(3.0, within(0.1));
            assertThat(shot.trimStart()).isEqualTo(1.0);
        });
        Path film = download(trimmed.videoId());
        assertThat(TestMedia.probe(film).durationSeconds()).isCloseTo(TITLE + 3.0, within(0.2));
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 0.5), 0)).as("red from 1 s to 2 s").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 2.5), 2)).as("then blue").isTrue();
        Take after = mongo.findById(key, Take.class);
        assertThat(after.normalisedId()).as("the whole copy is not made again").isEqualTo(kept.normalisedId());
        assertThat(after.framedAs(dev.montazz.contract.montage.Framing.BARS)).isTrue();
    }

    private void requestRender(String montage, String reason) throws Exception {
        producers.createProducer().send(new ProducerRecord<>(Topics.RENDER_REQUESTS, montage, json.writeValueAsBytes(
                new dev.montazz.contract.render.RenderRequest(montage, reason, java.time.Instant.now().minusSeconds(
                        60))))).get();
    }

    /** The owner chooses another framing: every take is made again so, and the film follows. */
    @Test
    void aNewFramingMakesTheTakesAgainSoFramed() throws Exception {
        String montage = montage(new Document("title", "Upright"));
        String take = UUID.randomUUID().toString();
        send(montage, take, 0, true, Files.readAllBytes(TestMedia.webm(dir, "up", "red", 240, 320, 1.0, 440)));
        Render barred = ready(montage, r -> r.shots().size() == 1);
        String key = TakeKey.of(montage, "ann", take);
        assertThat(mongo.findById(key, Take.class).framedAs(dev.montazz.contract.montage.Framing.BARS)).isTrue();

        mongo.updateFirst(Query.query(Criteria.where("_id").is(montage)), new org.springframework.data.mongodb.core
                .query.Update().set("framing", "BLURRED"), MongoCollections.MONTAGES);
        requestRender(montage, "framing changed");

        Render blurred = ready(montage, r -> !r.videoId().equals(barred.videoId()));
        assertThat(mongo.findById(key, Take.class).framedAs(dev.montazz.contract.montage.Framing.BLURRED)).isTrue();
        int[] beside = TestMedia.pixelAt(download(blurred.videoId()), TITLE + 0.5, 0.1, 0.3);
        assertThat(beside[0]).as("a blurred red beside the picture, not a black bar").isGreaterThan(120);
    }

    /** A take kept before takes' sound was levelled is normalised again, once, at the montage's next render. */
    @Test
    void aTakeKeptTheOldWayIsNormalisedAgainOnceAtTheNextRender() throws Exception {
        String montage = montage(new Document("title", "Kept long ago"));
        String take = UUID.randomUUID().toString();
        send(montage, take, 0, true, Files.readAllBytes(TestMedia.webm(dir, "old", "red", 320, 240, 1.0, 440)));
        Render first = ready(montage, r -> r.shots().size() == 1);
        String key = TakeKey.of(montage, "ann", take);
        String before = mongo.findById(key, Take.class).normalisedId();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)),
                new org.springframework.data.mongodb.core.query.Update().unset("normalisedVersion"), Take.class);
        assertThat(mongo.findById(key, Take.class).needsNormalising()).isTrue();

        producers.createProducer().send(new ProducerRecord<>(Topics.RENDER_REQUESTS, montage, json.writeValueAsBytes(
                new dev.montazz.contract.render.RenderRequest(montage, "settings changed", java.time.Instant.now()))))
                .get();

        ready(montage, r -> !r.videoId().equals(first.videoId()));
        Take again = mongo.findById(key, Take.class);
        assertThat(again.normalised().normalisedVersion()).isEqualTo(Take.NORMALISED_VERSION);
        assertThat(again.normalisedId()).isNotEqualTo(before);
        // The old copy was a piece of the film then served: it goes once the new film is READY.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mongo.getCollection("normalised.files")
                .countDocuments(new Document("metadata.takeId", key))).as("the old copy is gone").isEqualTo(1));
    }

    @Test
    void aSafariTakeInFragmentedMp4ChunksIsRenderedLikeAnyOther() throws Exception {
        String montage = montage(new Document("title", "Safari"));
        // What Safari's MediaRecorder sends: H.264 + AAC in fragmented MP4, the moov at the start.
        Path clip = dir.resolve("safari.mp4");
        TestMedia.ffmpeg(java.util.List.of("-f", "lavfi", "-i", "color=c=lime:s=640x480:r=30:d=2", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000:d=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a",
                "aac", "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-frag_duration", "500000",
                clip.toString()));
        byte[] bytes = Files.readAllBytes(clip);
        String take = UUID.randomUUID().toString();
        int third = bytes.length / 3;
        send(montage, take, 0, false, Arrays.copyOfRange(bytes, 0, third), "mp4");
        send(montage, take, 1, false, Arrays.copyOfRange(bytes, third, 2 * third), "mp4");
        send(montage, take, 2, true, Arrays.copyOfRange(bytes, 2 * third, bytes.length), "mp4");

        Render render = ready(montage, r -> true);
        assertThat(render.film().problems()).isEmpty();
        assertThat(render.film().facts().durationSeconds()).isCloseTo(TITLE + 2.0, within(0.2));
        Path film = download(render.videoId());
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, TITLE + 1.0), 1)).as("the green take").isTrue();
        assertThat(TestMedia.loudness(film, TITLE + 0.3, TITLE + 1.7)).isGreaterThan(1000);
    }

    @Test
    void aTakeWithAMissingChunkIsCutWhereTheGapIsAndTheReasonRecorded() throws Exception {
        String montage = montage(new Document("title", "Gap"));
        byte[] whole = Files.readAllBytes(TestMedia.webm(dir, "whole", "blue", 320, 240, 1.0, 0));
        String good = UUID.randomUUID().toString();
        send(montage, good, 0, true, whole);
        String gappy = UUID.randomUUID().toString();
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, "gappy", "red", 320, 240, 1.0, 0));
        send(montage, gappy, 0, false, clip);
        send(montage, gappy, 2, true, "lost its predecessor".getBytes(StandardCharsets.UTF_8));

        Render render = ready(montage, r -> r.shots().size() == 2);
        assertThat(render.film().problems()).anySatisfy(p -> assertThat(p).contains("chunk 1"));
        assertThat(render.film().facts().durationSeconds()).isCloseTo(TITLE + 2.0, within(0.2));
    }

    @Test
    void aTakeCutOffByTheFloorKeepsEveryStoredChunkEvenOnesThatOvertookTheEndMarker() throws Exception {
        String montage = montage(new Document("title", "Cut"));
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, "cut", "lime", 320, 240, 2.0, 440));
        String take = UUID.randomUUID().toString();
        send(montage, take, 0, false, Arrays.copyOfRange(clip, 0, clip.length / 2));
        send(montage, take, 1, false, Arrays.copyOfRange(clip, clip.length / 2, clip.length));
        // ingest computed "ends before 1" while chunk 1 was still on its way, so the marker arrives after it.
        JsonNode ended = send(montage, take, 1, true, new byte[0]);

        assertThat(ended.get("status").asString()).isEqualTo("STORED");
        Render render = ready(montage, r -> true);
        assertThat(render.film().facts().durationSeconds()).as("both stored chunks are in the film")
                .isCloseTo(TITLE + 2.0, within(0.2));
    }

    @Test
    void aChunkThatArrivesAfterItsTakeWasCutOffStillJoinsIt() throws Exception {
        String montage = montage(new Document("title", "Late"));
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, "late", "blue", 320, 240, 2.0, 440));
        String take = UUID.randomUUID().toString();
        send(montage, take, 0, false, Arrays.copyOfRange(clip, 0, clip.length / 2));
        // The floor cut the take off before chunk 1 ...
        send(montage, take, 1, true, new byte[0]);
        // ... but chunk 1 had been accepted by ingest and was acknowledged: it belongs to the take.
        JsonNode late = send(montage, take, 1, false, Arrays.copyOfRange(clip, clip.length / 2, clip.length));

        assertThat(late.get("status").asString()).isEqualTo("STORED");
        await().atMost(Duration.ofSeconds(60)).until(() -> mongo.findById(TakeKey.of(montage, "ann", take), Take.class),
                t -> t != null && Integer.valueOf(1).equals(t.lastSequence()) && t.usable());
        Render render = ready(montage, r -> r.film().facts().durationSeconds() > TITLE + 1.5);
        assertThat(render.film().facts().durationSeconds()).isCloseTo(TITLE + 2.0, within(0.2));
    }

    @Test
    void aRenderThatKeepsFailingIsRetriedThenParkedInTheDeadLetterTopicWithItsReasonShown() throws Exception {
        String montage = montage(new Document("title", "Doomed"));
        // A take whose kept file is gone: every attempt fails the same way.
        mongo.insert(new Take("t-" + montage, montage, "ann", "Ann", "webm",
                new Take.Recording(java.time.Instant.now(), 0, 0, 0, java.time.Instant.now()),
                new Take.Normalised(new ObjectId().toHexString(), 0, 1.0, null, null, Take.NORMALISED_VERSION,
                        null, null)));
        montageTakes.added(montage, "t-" + montage);
        java.util.Properties fromStart = new java.util.Properties();
        fromStart.put("auto.offset.reset", "earliest");
        try (var parked = consumers.createConsumer("test-" + UUID.randomUUID(), null, null, fromStart)) {
            parked.subscribe(java.util.List.of(Topics.RENDER_REQUESTS_TOPIC.deadLetters()));
            producers.createProducer().send(new ProducerRecord<>(Topics.RENDER_REQUESTS, montage, json
                    .writeValueAsBytes(java.util.Map.of("montageId", montage, "reason", "test",
                            "requestedAt", java.time.Instant.now().toString())))).get();

            java.util.List<String> keys = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                parked.poll(Duration.ofMillis(300)).forEach(r -> keys.add(r.key()));
                return keys.contains(montage);
            });
        }
        Render render = mongo.findById(montage, Render.class);
        assertThat(render.status()).isEqualTo(RenderStatus.FAILED);
        assertThat(render.failure()).startsWith("Rendering failed because of a problem on our side")
                .as("the cause stays in the log").doesNotContain("/").doesNotContain("Exception");
    }

    /** A montage as portal-service would have written it, with these fields. */
    private String montage(Document fields) {
        String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);
        mongo.insert(fields.append("_id", montage), MongoCollections.MONTAGES);
        return montage;
    }

    /** The montage's render once it is READY and as expected. */
    private Render ready(String montage, java.util.function.Predicate<Render> expected) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> mongo.findById(montage, Render.class),
                r -> r != null && r.status() == RenderStatus.READY && expected.test(r));
    }

    @Test
    void aSlowChunkIsLoggedWithWhereItsTimeWentStepByStep(CapturedOutput output) throws Exception {
        String montage = montage(new Document("title", "Slow"));
        String take = UUID.randomUUID().toString();
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, "ann", "red", 320, 240, 1.0, 440));

        send(montage, take, 0, false, clip);

        Pattern logged = Pattern.compile("Slow chunk store " + Pattern.quote(TakeKey.chunkId(TakeKey.of(montage,
                "ann", take), 0)) + ": ([0-9.]+) ms \\(delivery ([0-9.]+), insert ([0-9.]+), take ([0-9.]+), receipt "
                + "([0-9.]+) ms\\); after it: usage ([0-9.]+), news ([0-9.]+) ms");
        // Logged once the usage is counted too, which is after the receipt this test was answered with.
        await().atMost(Duration.ofSeconds(10)).until(() -> logged.matcher(output.getOut()).find());
        Matcher line = logged.matcher(output.getOut());
        assertThat(line.find()).as("the chunk's line in merge's log").isTrue();
        double toReceipt = Double.parseDouble(line.group(2)) + Double.parseDouble(line.group(3))
                + Double.parseDouble(line.group(4)) + Double.parseDouble(line.group(5));
        assertThat(toReceipt).as("the steps to the receipt add up to the chunk's time from ingest's send")
                .isCloseTo(Double.parseDouble(line.group(1)), within(0.5));
        assertThat(Double.parseDouble(line.group(3))).as("its insert took time").isPositive();
        assertThat(Double.parseDouble(line.group(4))).as("the take was started before the receipt").isPositive();
        assertThat(Double.parseDouble(line.group(6))).as("its bytes were counted after it").isPositive();
    }

    private JsonNode send(String montage, String take, int seq, boolean last, byte[] data) throws Exception {
        return send(montage, take, seq, last, data, "webm");
    }

    private JsonNode send(String montage, String take, int seq, boolean last, byte[] data, String container)
            throws Exception {
        return send(montage, "ann", "Ann", take, seq, last, data, container);
    }

    private JsonNode send(String montage, String username, String name, String take, int seq, boolean last,
            byte[] data, String container) throws Exception {
        ProducerRecord<String, byte[]> record = IngestStandIn.chunk(montage, username, name, take, seq, last, data);
        if (seq == 0) {
            IngestStandIn.header(record, ChunkHeaders.CONTAINER, container);
        }
        return ingest.send(record);
    }

    private Path download(String videoId) throws IOException {
        return StoredFilms.download(mongo.getDb(), videoId, dir.resolve("film.mp4"));
    }
}
