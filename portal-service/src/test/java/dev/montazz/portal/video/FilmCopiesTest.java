package dev.montazz.portal.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.render.RenderView;
import dev.montazz.security.testing.MovableClock;
import dev.montazz.stack.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.util.unit.DataSize;

/**
 * Which films the portal keeps on its disk, and for how long: a whole copy or none, the least recently watched out
 * past the limit (never one just watched), none of a film that is no longer its montage's, none left from a previous
 * run. On the MongoDB-wire server, or the real MongoDB given by {@code MONGODB_URI}.
 */
class FilmCopiesTest {

    private static final int FILM = 10_000;

    private final SimpleMongoClientDatabaseFactory factory =
            new SimpleMongoClientDatabaseFactory(TestInfrastructure.newMongoDatabaseUri("portal-film-copies"));
    private final MongoTemplate mongo = new MongoTemplate(factory);
    private final GridFSBucket videos = GridFSBuckets.create(mongo.getDb(), GridFsBuckets.VIDEOS);
    private final MovableClock clock = MovableClock.at(Instant.parse("2026-12-06T12:00:00Z"));

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        factory.destroy();
    }

    @Test
    void aFilmIsCopiedWholeOnceAndTheCopyIsTheFilm() throws Exception {
        FilmCopies copies = copies(DataSize.ofMegabytes(1));
        StoredFilm film = film("m1", 1);

        assertThat(copies.of("m1", film)).as("the first viewer is served from GridFS").isEmpty();
        Path copy = awaitCopy(copies, "m1", film);

        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes(1));
        assertThat(copy.getParent()).isEqualTo(dir);
        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("nothing half-made left beside it").containsExactly(copy.getFileName().toString());
        }
        assertThat(copies.of("another-montage", film)).as("only ever the film of its montage").isEmpty();
    }

    @Test
    void pastTheLimitTheLeastRecentlyWatchedGoButNotOneWatchedJustNow() throws Exception {
        FilmCopies copies = copies(DataSize.ofBytes(FILM * 2 + FILM / 2));
        StoredFilm first = film("m1", 1);
        StoredFilm second = film("m2", 2);
        StoredFilm third = film("m3", 3);
        awaitCopy(copies, "m1", first);
        clock.advance(Duration.ofMinutes(5));
        awaitCopy(copies, "m2", second);
        clock.advance(Duration.ofMinutes(5));
        copies.of("m1", first);
        clock.advance(Duration.ofMinutes(5));

        awaitCopy(copies, "m3", third);

        assertThat(copies.bytes()).isEqualTo(2L * FILM);
        assertThat(copies.of("m2", second)).as("the least recently watched went").isEmpty();
        assertThat(copies.of("m1", first)).isPresent();

        // All watched within the last minute: over the limit for a while rather than a copy pulled from a send.
        awaitCopy(copies, "m2", second);
        assertThat(copies.bytes()).isEqualTo(3L * FILM);
        assertThat(copies(DataSize.ofBytes(FILM - 1)).of("m1", first)).as("too large to keep").isEmpty();
    }

    @Test
    void aCopyOfAFilmThatIsNoLongerItsMontagesGoesWithinASweep() throws Exception {
        FilmCopies copies = copies(DataSize.ofMegabytes(1));
        StoredFilm old = film("m1", 1);
        StoredFilm gone = film("m2", 2);
        Path oldCopy = awaitCopy(copies, "m1", old);
        Path goneCopy = awaitCopy(copies, "m2", gone);
        StoredFilm rerendered = film("m1", 3);
        mongo.remove(Query.query(Criteria.where("_id").is("m2")), MongoCollections.RENDERS);

        copies.sweep();

        assertThat(oldCopy).as("the film before a re-render").doesNotExist();
        assertThat(goneCopy).as("the film of a deleted montage").doesNotExist();
        assertThat(copies.bytes()).isZero();
        assertThat(Files.readAllBytes(awaitCopy(copies, "m1", rerendered))).isEqualTo(bytes(3));
    }

    /**
     * A montage's new film in pieces shares its takes with the one before: the copy of the new one takes those from
     * the earlier copy on disk (here the take is gone from GridFS, so it can only have come from there).
     */
    @Test
    void aNewFilmInPiecesTakesThePiecesItSharesFromTheEarlierCopy() throws Exception {
        FilmCopies copies = copies(DataSize.ofMegabytes(1));
        GridFSBucket normalised = GridFSBuckets.create(mongo.getDb(), GridFsBuckets.NORMALISED);
        ObjectId take = normalised.uploadFromStream("take.mp4", new ByteArrayInputStream(bytes(7)));
        ObjectId firstHead = videos.uploadFromStream("m1.mp4", new ByteArrayInputStream(bytes(1)));
        StoredFilm first = inPieces("m1", firstHead, take, 2_000);
        Path firstCopy = awaitCopy(copies, "m1", first);
        ObjectId nextHead = videos.uploadFromStream("m1.mp4", new ByteArrayInputStream(bytes(2)));
        StoredFilm next = inPieces("m1", nextHead, take, 3_000);
        normalised.delete(take);

        Path nextCopy = awaitCopy(copies, "m1", next);

        byte[] expected = new byte[3_000 + FILM - 100];
        System.arraycopy(bytes(2), 0, expected, 0, 3_000);
        System.arraycopy(bytes(7), 100, expected, 3_000, FILM - 100);
        assertThat(Files.readAllBytes(nextCopy)).isEqualTo(expected);
        assertThat(Files.readAllBytes(firstCopy)).startsWith(Arrays.copyOf(bytes(1), 2_000));
    }

    /** A film in pieces: the first {@code headBytes} of its head, then the take's bytes from its 100th on. */
    private StoredFilm inPieces(String montage, ObjectId head, ObjectId take, int headBytes) {
        mongo.save(new Document("_id", montage).append("status", "READY").append("videoId", head.toHexString())
                .append("pieces", List.of(new Document("bucket", GridFsBuckets.VIDEOS).append("fileId",
                        head.toHexString()).append("offset", 0L).append("length", (long) headBytes),
                        new Document("bucket", GridFsBuckets.NORMALISED).append("fileId", take.toHexString())
                                .append("offset", 100L).append("length", (long) FILM - 100))),
                MongoCollections.RENDERS);
        return StoredFilm.of(mongo.getDb(), mongo.findById(montage, RenderView.class, MongoCollections.RENDERS))
                .orElseThrow();
    }

    @Test
    void copiesLeftFromAnEarlierRunAreRemovedAtStart() throws Exception {
        Files.write(dir.resolve("m1." + new ObjectId().toHexString() + ".mp4"), bytes(1));
        Files.write(dir.resolve(new ObjectId().toHexString() + ".part"), new byte[10]);

        copies(DataSize.ofMegabytes(1));

        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private FilmCopies copies(DataSize maxSize) throws Exception {
        return new FilmCopies(new FilmCopiesProperties(dir, maxSize, Duration.ofMinutes(1)), mongo, clock,
                new SimpleMeterRegistry());
    }

    /** A film in GridFS, and the montage's render naming it, as merge-service writes them. */
    private StoredFilm film(String montage, int seed) {
        ObjectId id = videos.uploadFromStream(montage + ".mp4", new ByteArrayInputStream(bytes(seed)));
        mongo.save(new Document("_id", montage).append("status", "READY").append("videoId", id.toHexString()),
                MongoCollections.RENDERS);
        return StoredFilm.of(mongo.getDb(), mongo.findById(montage, RenderView.class, MongoCollections.RENDERS))
                .orElseThrow();
    }

    private Path awaitCopy(FilmCopies copies, String montage, StoredFilm film) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> copies.of(montage, film), Optional::isPresent)
                .get();
    }

    private static byte[] bytes(int seed) {
        byte[] bytes = new byte[FILM];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
