package dev.montazz.merge.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import com.mongodb.client.gridfs.GridFSBuckets;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.montage.FilmEdit;
import dev.montazz.contract.music.MusicView;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.MergeOnRealInfrastructure;
import dev.montazz.merge.render.Render;
import dev.montazz.merge.testing.StoredFilms;
import dev.montazz.merge.testing.IngestStandIn;
import dev.montazz.merge.testing.TestMedia;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A music bed uploaded as chunks over the real broker, as ingest sends it: kept once it reads as music, laid under the
 * film (which is made again), replaced by the next upload, left out when the owner removes it; anything else is
 * answered UNREADABLE and leaves nothing behind.
 */
class MusicUploadTest extends MergeOnRealInfrastructure {

    private static final int MUSIC_HZ = 1000;

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
    void musicUploadedInChunksPlaysUnderTheFilmUntilReplacedOrRemoved() throws Exception {
        String montage = montage();
        recordTake(montage, "red");
        Render silent = ready(montage, render -> render.film().music() == null);
        assertThat(TestMedia.toneDb(download(silent), 0.6, 2.0, MUSIC_HZ)).as("no music yet").isLessThan(-60);

        byte[] song = Files.readAllBytes(TestMedia.music(dir, "song", "mp3", MUSIC_HZ, 30, -6));
        String upload = UUID.randomUUID().toString();
        JsonNode first = upload(montage, upload, 0, false, Arrays.copyOfRange(song, 0, song.length / 2), null);
        JsonNode last = upload(montage, upload, 1, true, Arrays.copyOfRange(song, song.length / 2, song.length),
                "../Summer \u0007song.mp3");
        JsonNode again = upload(montage, upload, 1, true, Arrays.copyOfRange(song, song.length / 2, song.length),
                "../Summer \u0007song.mp3");

        assertThat(first.get("status").asString()).isEqualTo("STORED");
        assertThat(last.get("status").asString()).isEqualTo("STORED");
        assertThat(again.get("status").asString()).as("a re-sent last chunk").isIn("STORED", "DUPLICATE");
        MusicView bed = mongo.findById(montage, MusicView.class, MongoCollections.MUSIC);
        assertThat(bed.musicId()).isEqualTo(upload);
        assertThat(bed.name()).as("no path, no control characters").isEqualTo("Summer song.mp3");
        assertThat(bed.seconds()).isCloseTo(30, within(0.2));
        assertThat(bed.bytes()).isEqualTo(song.length);
        assertThat(bed.uploadedBy()).isEqualTo("owner");
        assertThat(chunksOf(montage)).as("the upload's chunks are let go once kept").isEqualTo(1);

        Render scored = ready(montage, render -> render.film().music() != null);
        assertThat(scored.film().music()).isEqualTo(new Render.Music(upload, FilmEdit.Music.DEFAULT.levelDb()));
        Path film = download(scored);
        assertThat(TestMedia.toneDb(film, 0.6, 2.0, MUSIC_HZ)).as("music under the title card")
                .isCloseTo(-31, within(3.0));
        assertThat(TestMedia.chapters(film)).extracting(TestMedia.Chapter::title).containsExactly("Ann");

        // Quieter, by the owner's edit: the same takes, made again at the new level.
        setEdit(montage, new FilmEdit(java.util.List.of(), java.util.List.of()).withMusicLevel(-24));
        Render quieter = ready(montage, render -> render.film().music() != null
                && render.film().music().musicLevel() == -24);
        assertThat(TestMedia.toneDb(download(quieter), 0.6, 2.0, MUSIC_HZ)).isCloseTo(-43, within(3.0));

        // Something that is not music changes nothing.
        JsonNode refused = upload(montage, UUID.randomUUID().toString(), 0, true,
                Files.readAllBytes(TestMedia.webm(dir, "clip", "blue", 320, 240, 1.0, 440)), "clip.mp3");
        assertThat(refused.get("status").asString()).isEqualTo("UNREADABLE");
        assertThat(refused.get("reason").asString()).isNotBlank();
        assertThat(mongo.findById(montage, MusicView.class, MongoCollections.MUSIC)).isEqualTo(bed);
        assertThat(chunksOf(montage)).as("nothing of the refused upload is kept").isEqualTo(1);

        // A new upload replaces the bed, and its sound; removing it leaves the film without music.
        String next = UUID.randomUUID().toString();
        upload(montage, next, 0, true, Files.readAllBytes(TestMedia.music(dir, "next", "flac", 500, 5, -6)),
                "next.flac");
        assertThat(mongo.findById(montage, MusicView.class, MongoCollections.MUSIC).musicId()).isEqualTo(next);
        assertThat(GridFSBuckets.create(mongo.getDb(), GridFsBuckets.MUSIC).find(new Document("_id",
                new ObjectId(bed.fileId()))).first()).as("the replaced sound is gone").isNull();
        setEdit(montage, new FilmEdit(java.util.List.of(), java.util.List.of()).withoutMusic(next));
        Render removed = ready(montage, render -> render.film().music() == null
                && render.timing().renderedAt().isAfter(quieter.timing().renderedAt()));
        assertThat(TestMedia.toneDb(download(removed), 0.6, 2.0, 500)).as("no music").isLessThan(-60);
    }

    private void recordTake(String montage, String colour) throws Exception {
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, colour, colour, 320, 240, 2.0, 0));
        ProducerRecord<String, byte[]> record = IngestStandIn.chunk(montage, "ann", "Ann", "take-" + colour, 0, true,
                clip);
        IngestStandIn.header(record, ChunkHeaders.CONTAINER, "webm");
        assertThat(ingest.send(record).get("status").asString()).isEqualTo("STORED");
    }

    private JsonNode upload(String montage, String upload, int seq, boolean last, byte[] data, String name)
            throws Exception {
        ProducerRecord<String, byte[]> record = IngestStandIn.chunk(montage, "owner", "Owner", upload, seq, last, data);
        IngestStandIn.header(record, ChunkHeaders.KIND, "music");
        if (name != null) {
            IngestStandIn.header(record, ChunkHeaders.FILE_NAME, name);
        }
        return ingest.send(record);
    }

    private String montage() {
        String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);
        mongo.insert(new Document("_id", montage).append("title", "With music"), MongoCollections.MONTAGES);
        return montage;
    }

    /** Writes the owner's cut as the portal does, and asks for a film as the portal does. */
    private void setEdit(String montage, FilmEdit edit) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(montage)), new Update().set("edit", edit),
                MongoCollections.MONTAGES);
        renderRequests.request(montage, "edited");
    }

    @Autowired
    dev.montazz.merge.take.RenderRequests renderRequests;

    private long chunksOf(String montage) {
        return mongo.count(Query.query(Criteria.where("montageId").is(montage)), MongoCollections.CHUNKS);
    }

    private Render ready(String montage, java.util.function.Predicate<Render> expected) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> mongo.findById(montage, Render.class),
                r -> r != null && r.status() == RenderStatus.READY && expected.test(r));
    }

    private Path download(Render render) throws Exception {
        return StoredFilms.download(mongo.getDb(), render.videoId(), Files.createTempFile(dir, "film", ".mp4"));
    }
}
