package dev.montazz.portal.video;

import static dev.montazz.security.testing.TestUsers.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.montazz.stack.TestInfrastructure;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.mongodb.client.gridfs.GridFSBuckets;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.MongoCollections;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Serving films from GridFS the way players and download managers expect (RFC 9110 ranges and validators). */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1)
class VideoServingTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "portal");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    FilmCopies copies;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private static final byte[] POSTER = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F'};

    private final byte[] film = new byte[10_000];
    private String etag;

    /** A montage with a finished render, written the way portal and merge-service write them. */
    @BeforeEach
    void montageWithFilm() {
        new Random(7).nextBytes(film);
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), MongoCollections.MONTAGES);
        mongo.insert(new Document("_id", "m1").append("title", "He said \"hi\" / ok: Ünïcödé")
                .append("owner", "ann").append("contributors", List.of("ann")).append("visibility", "PRIVATE"),
                MongoCollections.MONTAGES);
        String videoId = GridFSBuckets.create(mongo.getDb(), GridFsBuckets.VIDEOS)
                .uploadFromStream("He said \"hi\" / ok: Ünïcödé.mp4", new ByteArrayInputStream(film)).toHexString();
        etag = "\"" + videoId + "\"";
        String posterId = GridFSBuckets.create(mongo.getDb(), GridFsBuckets.THUMBNAILS)
                .uploadFromStream("m1.jpg", new ByteArrayInputStream(POSTER)).toHexString();
        mongo.save(new Document("_id", "m1").append("status", "READY").append("videoId", videoId)
                .append("thumbnailId", posterId)
                .append("durationSeconds", 4.0).append("width", 640).append("height", 480)
                .append("sizeBytes", (long) film.length)
                .append("shots", List.of(new Document("contributor", "Ann").append("offsetSeconds", 0.0)
                        .append("durationSeconds", 4.0).append("thumbnailId", posterId))), MongoCollections.RENDERS);
    }

    @Test
    void theWholeFilmAdvertisesRangesAndValidators() throws Exception {
        mvc.perform(get("/montages/m1/video.mp4").with(ann())).andExpect(status().isOk())
                .andExpect(header().string("Accept-Ranges", "bytes")).andExpect(header().string("ETag", etag))
                .andExpect(header().exists("Last-Modified")).andExpect(content().contentType("video/mp4"))
                .andExpect(content().bytes(film));
    }

    @Test
    void rangesAreServedAsPartialContent() throws Exception {
        expectRange("bytes=0-99", 0, 99);
        expectRange("bytes=5000-5099", 5000, 5099);
        expectRange("bytes=-100", 9900, 9999);
        expectRange("bytes=9900-", 9900, 9999);
    }

    @Test
    void anUnsatisfiableRangeIs416() throws Exception {
        mvc.perform(get("/montages/m1/video.mp4").with(ann()).header("Range", "bytes=20000-"))
                .andExpect(status().isRequestedRangeNotSatisfiable());
    }

    @Test
    void aCachedCopyIsConfirmedWith304() throws Exception {
        mvc.perform(get("/montages/m1/video.mp4").with(ann()).header("If-None-Match", etag)).andExpect(status().isNotModified());
    }

    @Test
    void onlyALinkNamingThisRendersFilmIsCachedForLong() throws Exception {
        String videoId = etag.replace("\"", "");
        mvc.perform(get("/montages/m1/video.mp4").param("v", videoId).with(ann()))
                .andExpect(header().string("Cache-Control", "max-age=86400, private"));
        // Without a version, or with the previous render's, a re-render must show at once: revalidate every time.
        mvc.perform(get("/montages/m1/video.mp4").with(ann()))
                .andExpect(header().string("Cache-Control", "no-cache, private"));
        mvc.perform(get("/montages/m1/video.mp4").param("v", "an-older-film").with(ann()))
                .andExpect(header().string("Cache-Control", "no-cache, private"));
    }

    @Test
    void theShotsAreAChaptersTrackNamedAfterTheirContributors() throws Exception {
        Document render = mongo.findById("m1", Document.class, MongoCollections.RENDERS);
        render.put("shots", List.of(new Document("contributor", "Ann").append("offsetSeconds", 2.5)
                .append("durationSeconds", 3.0), new Document("contributor", "Bob <b> & co\n-->").append(
                "offsetSeconds", 5.0).append("durationSeconds", 61.25)));
        mongo.save(render, MongoCollections.RENDERS);

        mvc.perform(get("/montages/m1/chapters.vtt").with(ann())).andExpect(status().isOk())
                .andExpect(content().contentType("text/vtt;charset=UTF-8"))
                .andExpect(header().string("ETag", etag))
                .andExpect(content().string("WEBVTT\n\n1\n00:00:02.500 --> 00:00:05.000\nAnn\n\n"
                        + "2\n00:00:05.000 --> 00:01:06.250\nBob &lt;b&gt; &amp; co --&gt;\n"));
        mvc.perform(get("/montages/m1/chapters.vtt").with(page("eve"))).andExpect(status().isNotFound());
    }

    @Test
    void eachShotHasItsStill() throws Exception {
        mvc.perform(get("/montages/m1/shots/0.jpg").with(ann())).andExpect(status().isOk())
                .andExpect(content().contentType("image/jpeg")).andExpect(content().bytes(POSTER));
        mvc.perform(get("/montages/m1/shots/1.jpg").with(ann())).andExpect(status().isNotFound());
        mvc.perform(get("/montages/m1/shots/0.jpg").with(page("eve")))
                .andExpect(status().isNotFound());
    }

    @Test
    void theDownloadHasASafeFileNameMadeFromTheTitle() throws Exception {
        String disposition = mvc.perform(get("/montages/m1/video.mp4?download=true").with(ann())).andExpect(status().isOk())
                .andReturn().getResponse().getHeader("Content-Disposition");
        assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''")
                .doesNotContain("/").contains("He%20said%20_hi_%20_%20ok_%20%C3%9Cn%C3%AFc%C3%B6d%C3%A9.mp4");
        assertThat(VideoController.fileName("../../etc/passwd")).isEqualTo("etc_passwd.mp4");
        assertThat(VideoController.fileName("   ")).isEqualTo("montage.mp4");
    }

    @Test
    void thePosterIsAJpegForThoseWhoMaySeeTheMontage() throws Exception {
        mvc.perform(get("/montages/m1/poster.jpg").with(ann())).andExpect(status().isOk())
                .andExpect(content().contentType("image/jpeg")).andExpect(content().bytes(POSTER));
        mvc.perform(get("/montages/m1/poster.jpg").with(page("mallory")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/").with(ann())).andExpect(content().string(
                org.hamcrest.Matchers.containsString("/montages/m1/poster.jpg")));
    }

    @Test
    void onceCopiedToDiskTheFilmIsSentFromTheCopyTheSameWay() throws Exception {
        double fromDisk = served("disk");
        mvc.perform(get("/montages/m1/video.mp4").with(ann())).andExpect(status().isOk())
                .andExpect(content().bytes(film));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> copies.bytes() > 0);

        mvc.perform(get("/montages/m1/video.mp4").with(ann())).andExpect(status().isOk())
                .andExpect(header().string("Accept-Ranges", "bytes")).andExpect(header().string("ETag", etag))
                .andExpect(header().exists("Last-Modified")).andExpect(content().contentType("video/mp4"))
                .andExpect(content().bytes(film));
        rangesAreServedAsPartialContent();
        anUnsatisfiableRangeIs416();
        aCachedCopyIsConfirmedWith304();
        theDownloadHasASafeFileNameMadeFromTheTitle();
        assertThat(served("disk") - fromDisk).as("sent from the copy from the second request on").isGreaterThanOrEqualTo(8);
        someoneElsesPrivateFilmDoesNotExistForYouAndNobodyAnonymousGetsIt();
    }

    /**
     * A film merge stored in pieces (its head, then the takes' media where they lie in the takes' own copies, and a
     * title card in the head between them) is served as the one file its pieces make: whole, by ranges inside a
     * piece and across pieces, 304 on its ETag, and the same from the copy on disk.
     */
    @Test
    void aFilmInPiecesIsServedAsTheOneFileItsPiecesMake() throws Exception {
        Random random = new Random(11);
        byte[] head = new byte[400];
        byte[] ann = new byte[6_000];
        byte[] bob = new byte[4_000];
        random.nextBytes(head);
        random.nextBytes(ann);
        random.nextBytes(bob);
        var videos = GridFSBuckets.create(mongo.getDb(), GridFsBuckets.VIDEOS);
        var normalised = GridFSBuckets.create(mongo.getDb(), GridFsBuckets.NORMALISED);
        String headId = videos.uploadFromStream("Pieces.mp4", new ByteArrayInputStream(head)).toHexString();
        String annId = normalised.uploadFromStream("ann.mp4", new ByteArrayInputStream(ann)).toHexString();
        String bobId = normalised.uploadFromStream("bob.mp4", new ByteArrayInputStream(bob)).toHexString();
        Document render = mongo.findById("m1", Document.class, MongoCollections.RENDERS);
        render.put("videoId", headId);
        render.put("pieces", List.of(piece(GridFsBuckets.VIDEOS, headId, 0, 300),
                piece(GridFsBuckets.NORMALISED, annId, 100, 5_000), piece(GridFsBuckets.VIDEOS, headId, 300, 100),
                piece(GridFsBuckets.NORMALISED, bobId, 0, 4_000)));
        mongo.save(render, MongoCollections.RENDERS);
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        whole.write(head, 0, 300);
        whole.write(ann, 100, 5_000);
        whole.write(head, 300, 100);
        whole.write(bob, 0, 4_000);
        byte[] expected = whole.toByteArray();
        String piecesEtag = "\"" + headId + "\"";

        for (int pass = 0; pass < 2; pass++) {
            mvc.perform(get("/montages/m1/video.mp4").with(ann())).andExpect(status().isOk())
                    .andExpect(header().string("ETag", piecesEtag)).andExpect(header().exists("Last-Modified"))
                    .andExpect(header().longValue("Content-Length", expected.length))
                    .andExpect(content().bytes(expected));
            for (long[] range : new long[][] {{0, 99}, {250, 349}, {5_250, 5_450}, {1_000, 9_000}, {9_350, 9_399}}) {
                mvc.perform(get("/montages/m1/video.mp4").with(ann())
                        .header("Range", "bytes=" + range[0] + "-" + range[1])).andExpect(status().isPartialContent())
                        .andExpect(header().string("Content-Range", "bytes " + range[0] + "-" + range[1] + "/"
                                + expected.length))
                        .andExpect(content().bytes(Arrays.copyOfRange(expected, (int) range[0], (int) range[1] + 1)));
            }
            mvc.perform(get("/montages/m1/video.mp4").with(ann()).header("If-None-Match", piecesEtag))
                    .andExpect(status().isNotModified());
            // The second pass is sent from the copy the first made.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> copies.bytes() >= expected.length);
        }
    }

    private static Document piece(String bucket, String fileId, long offset, long length) {
        return new Document("bucket", bucket).append("fileId", fileId).append("offset", offset).append("length",
                length);
    }

    private double served(String from) {
        return meters.counter("montazz.films.served", "from", from).count();
    }

    @Test
    void aMontageWithoutFilmIs404() throws Exception {
        mvc.perform(get("/montages/unknown/video.mp4").with(ann())).andExpect(status().isNotFound());
    }

    @Test
    void someoneElsesPrivateFilmDoesNotExistForYouAndNobodyAnonymousGetsIt() throws Exception {
        mvc.perform(get("/montages/m1/video.mp4").with(page("mallory")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/montages/m1/video.mp4")).andExpect(status().is3xxRedirection());
    }

    static org.springframework.test.web.servlet.request.RequestPostProcessor ann() {
        return page("ann");
    }

    private void expectRange(String range, int from, int to) throws Exception {
        mvc.perform(get("/montages/m1/video.mp4").with(ann()).header("Range", range)).andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes " + from + "-" + to + "/" + film.length))
                .andExpect(content().bytes(Arrays.copyOfRange(film, from, to + 1)));
    }
}
