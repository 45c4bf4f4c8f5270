package dev.montazz.merge.shotfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.MergeOnRealInfrastructure;
import dev.montazz.merge.render.Render;
import dev.montazz.merge.testing.StoredFilms;
import dev.montazz.merge.testing.IngestStandIn;
import dev.montazz.merge.testing.TestMedia;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shots from files uploaded as chunks over the real broker, as ingest sends them: an MP4 and a MOV from a phone's
 * camera roll join the film after the take recorded before them, in their own colour, by their contributor; a file
 * that is not video, or is longer than the montage's longest shot, is answered UNREADABLE with the reason and leaves
 * nothing behind; a re-sent last part changes nothing.
 */
class ShotFileUploadTest extends MergeOnRealInfrastructure {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ProducerFactory<String, byte[]> producers;

    @Autowired
    ConsumerFactory<String, byte[]> consumers;

    @Autowired
    JsonMapper json;

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
    void videoFilesBecomeShotsInTheOrderTheyWereFinished() throws Exception {
        String montage = montage();
        recordTake(montage, "red");
        ready(montage, render -> render.shots().size() == 1);

        byte[] phone = Files.readAllBytes(TestMedia.cameraRollVideo(dir, "IMG_0042", "mp4", "lime", 2.0, 550));
        String upload = UUID.randomUUID().toString();
        int third = phone.length / 3;
        assertThat(upload(montage, upload, 0, false, Arrays.copyOfRange(phone, 0, third), 60).get("status")
                .asString()).isEqualTo("STORED");
        assertThat(upload(montage, upload, 1, false, Arrays.copyOfRange(phone, third, 2 * third), 60).get("status")
                .asString()).isEqualTo("STORED");
        JsonNode last = upload(montage, upload, 2, true, Arrays.copyOfRange(phone, 2 * third, phone.length), 60);
        assertThat(last.get("status").asString()).isEqualTo("STORED");

        Render two = ready(montage, render -> render.shots().size() == 2);
        assertThat(two.shots()).extracting(Render.Shot::contributor).containsExactly("Ann", "Bob");
        assertThat(two.shots().get(1).durationSeconds()).isBetween(1.8, 2.3);
        Path film = download(two);
        double bobsMiddle = two.shots().get(1).offsetSeconds() + 1.0;
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, bobsMiddle), 1)).as("Bob's green shot").isTrue();
        assertThat(TestMedia.chapters(film)).extracting(TestMedia.Chapter::title).containsExactly("Ann", "Bob");

        JsonNode again = upload(montage, upload, 2, true, Arrays.copyOfRange(phone, 2 * third, phone.length), 60);
        assertThat(again.get("status").asString()).as("a re-sent last part").isIn("STORED", "DUPLICATE");
        assertThat(mongo.count(Query.query(Criteria.where("montageId").is(montage)), MongoCollections.TAKES))
                .as("still one shot from that file").isEqualTo(2);

        String mov = UUID.randomUUID().toString();
        assertThat(upload(montage, mov, 0, true, Files.readAllBytes(TestMedia.cameraRollVideo(dir, "clip", "mov",
                "blue", 1.5, 440)), 60).get("status").asString()).isEqualTo("STORED");
        Render three = ready(montage, render -> render.shots().size() == 3);
        Path third3 = download(three);
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(third3, three.shots().get(2).offsetSeconds() + 0.7), 2))
                .as("the MOV's blue shot, last").isTrue();
    }

    /**
     * The page was reloaded mid-upload (or the connection dropped): the uploader starts again from a part it had sent,
     * so parts already stored arrive twice; each is stored once and the shot is the whole file.
     */
    @Test
    void anUploadResumedAfterAnInterruptionIsStoredOnceAndWhole() throws Exception {
        String montage = montage();
        byte[] phone = Files.readAllBytes(TestMedia.cameraRollVideo(dir, "IMG_0043", "mp4", "blue", 2.0, 660));
        String upload = UUID.randomUUID().toString();
        int third = phone.length / 3;
        byte[][] parts = {Arrays.copyOfRange(phone, 0, third), Arrays.copyOfRange(phone, third, 2 * third),
                Arrays.copyOfRange(phone, 2 * third, phone.length)};
        upload(montage, upload, 0, false, parts[0], 60);
        upload(montage, upload, 1, false, parts[1], 60);

        assertThat(upload(montage, upload, 0, false, parts[0], 60).get("status").asString())
                .as("a part stored before the interruption").isEqualTo("DUPLICATE");
        assertThat(upload(montage, upload, 1, false, parts[1], 60).get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(upload(montage, upload, 2, true, parts[2], 60).get("status").asString()).isEqualTo("STORED");

        Render film = ready(montage, render -> render.shots().size() == 1);
        assertThat(film.shots().get(0).durationSeconds()).as("the whole file, once").isBetween(1.8, 2.3);
        Path file = download(film);
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(file, film.shots().get(0).offsetSeconds() + 1.0), 2))
                .isTrue();
    }

    /**
     * A camera-roll MP4 of some megabytes, as phones make them: whole in the film. (The take was once normalised into
     * a file of the same name as the assembled upload, overwriting what it read: small files were read whole first.)
     */
    @Test
    void aLargeCameraRollVideoIsWholeInTheFilm() throws Exception {
        String montage = montage();
        Path clip = dir.resolve("IMG_0099.mp4");
        TestMedia.ffmpeg(List.of("-f", "lavfi", "-i", "color=c=lime:s=640x360:r=30:d=3,noise=alls=20:allf=t", "-f",
                "lavfi", "-i", "sine=frequency=550:sample_rate=44100:d=3", "-c:v", "libx264", "-preset", "ultrafast",
                "-crf", "23", "-pix_fmt", "yuv420p", "-c:a", "aac", clip.toString()));
        byte[] video = Files.readAllBytes(clip);
        assertThat(video.length).isGreaterThan(4 * 1024 * 1024);
        String upload = UUID.randomUUID().toString();
        // Under the test broker's record limit (ingest's topic takes its 1 MiB parts).
        int part = 900 * 1024;
        int parts = (video.length + part - 1) / part;
        for (int seq = 0; seq < parts; seq++) {
            byte[] data = Arrays.copyOfRange(video, seq * part, Math.min(video.length, (seq + 1) * part));
            assertThat(upload(montage, upload, seq, seq == parts - 1, data, 60).get("status").asString())
                    .isEqualTo("STORED");
        }

        Render film = ready(montage, render -> render.shots().size() == 1);
        assertThat(film.shots().get(0).durationSeconds()).as("the whole video").isBetween(2.8, 3.2);
    }

    @Test
    void aPhonesPortraitVideoStandsUpright() throws Exception {
        String montage = montage();
        String upload = UUID.randomUUID().toString();
        assertThat(upload(montage, upload, 0, true, Files.readAllBytes(TestMedia.sidewaysPhoneVideo(dir, "portrait",
                2.0)), 60).get("status").asString()).isEqualTo("STORED");
        Render film = ready(montage, render -> render.shots().size() == 1);
        Path file = download(film);
        double middle = film.shots().get(0).offsetSeconds() + 1.0;
        assertThat(TestMedia.isPrimary(TestMedia.pixelAt(file, middle, 0.5, 0.25), 2)).as("blue above").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.pixelAt(file, middle, 0.5, 0.75), 0)).as("red below").isTrue();
        assertThat(java.util.Arrays.stream(TestMedia.pixelAt(file, middle, 0.1, 0.5)).max().orElseThrow())
                .as("bars beside an upright picture").isLessThan(40);
    }

    @Test
    void whatCannotBeAShotIsRefusedWithTheReasonAndNothingIsKept() throws Exception {
        String montage = montage();
        long before = chunksOf(montage);

        JsonNode sound = upload(montage, UUID.randomUUID().toString(), 0, true,
                Files.readAllBytes(TestMedia.music(dir, "song", "wav", 1000, 2, -6)), 60);
        assertThat(sound.get("status").asString()).isEqualTo("UNREADABLE");
        assertThat(sound.get("reason").asString()).contains("Upload WebM, MP4 or MOV");

        JsonNode tooLong = upload(montage, UUID.randomUUID().toString(), 0, true,
                Files.readAllBytes(TestMedia.cameraRollVideo(dir, "long", "mp4", "lime", 5.0, 440)), 3);
        assertThat(tooLong.get("status").asString()).isEqualTo("UNREADABLE");
        assertThat(tooLong.get("reason").asString()).contains("0:05 long").contains("at most 0:03").contains("trim");

        byte[] webm = Files.readAllBytes(TestMedia.webm(dir, "cut", "blue", 320, 240, 2.0, 440));
        JsonNode broken = upload(montage, UUID.randomUUID().toString(), 0, true,
                Arrays.copyOfRange(webm, 0, 200), 60);
        assertThat(broken.get("status").asString()).isEqualTo("UNREADABLE");

        assertThat(chunksOf(montage)).as("nothing of a refused upload is kept").isEqualTo(before);
        assertThat(mongo.count(Query.query(Criteria.where("montageId").is(montage)), MongoCollections.TAKES))
                .isZero();
    }

    private void recordTake(String montage, String colour) throws Exception {
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, colour, colour, 320, 240, 2.0, 440));
        ProducerRecord<String, byte[]> record = IngestStandIn.chunk(montage, "ann", "Ann", "take-" + colour, 0, true,
                clip);
        IngestStandIn.header(record, ChunkHeaders.CONTAINER, "webm");
        assertThat(ingest.send(record).get("status").asString()).isEqualTo("STORED");
    }

    private JsonNode upload(String montage, String upload, int seq, boolean last, byte[] data, int longestSeconds)
            throws Exception {
        ProducerRecord<String, byte[]> record = IngestStandIn.chunk(montage, "bob", "Bob", upload, seq, last, data);
        IngestStandIn.header(record, ChunkHeaders.KIND, "file");
        if (last) {
            IngestStandIn.header(record, ChunkHeaders.FILE_NAME, "IMG_0042.MP4");
            IngestStandIn.header(record, ChunkHeaders.LONGEST_SECONDS, String.valueOf(longestSeconds));
        }
        return ingest.send(record);
    }

    private String montage() {
        String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);
        mongo.insert(new Document("_id", montage).append("title", "From files"), MongoCollections.MONTAGES);
        return montage;
    }

    private long chunksOf(String montage) {
        return mongo.count(Query.query(Criteria.where("montageId").is(montage)), MongoCollections.CHUNKS);
    }

    private Render ready(String montage, Predicate<Render> expected) {
        return await().atMost(Duration.ofSeconds(90)).until(() -> mongo.findById(montage, Render.class),
                r -> r != null && r.status() == RenderStatus.READY && expected.test(r));
    }

    private Path download(Render render) throws Exception {
        return StoredFilms.download(mongo.getDb(), render.videoId(), Files.createTempFile(dir, "film", ".mp4"));
    }
}
