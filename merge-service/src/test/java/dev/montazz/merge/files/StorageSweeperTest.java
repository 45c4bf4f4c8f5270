package dev.montazz.merge.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.montazz.contract.GridFsBuckets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import dev.montazz.contract.MongoCollections;
import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * What a merge-service killed mid-write leaves in GridFS goes once it is older than the grace period; files a render
 * or take points to, and anything recent (an upload in progress elsewhere), stay. On the MongoDB-wire server, or the
 * real MongoDB given by {@code MONGODB_URI}.
 */
class StorageSweeperTest {

    private static final Duration GRACE = Duration.ofHours(1);

    private final SimpleMongoClientDatabaseFactory mongo =
            new SimpleMongoClientDatabaseFactory(TestInfrastructure.newMongoDatabaseUri("merge-sweep"));
    private final MongoDatabase db = mongo.getMongoDatabase();
    private final GridFSBucket videos = GridFSBuckets.create(db, GridFsBuckets.VIDEOS);
    private final GridFSBucket stills = GridFSBuckets.create(db, GridFsBuckets.THUMBNAILS);
    private final GridFSBucket normalised = GridFSBuckets.create(db, GridFsBuckets.NORMALISED);

    @AfterEach
    void close() throws Exception {
        mongo.destroy();
    }

    @Test
    void whatACrashLeftBehindGoesAndWhatIsInUseOrRecentStays() {
        byte[] filmBytes = bytes(700_000);
        ObjectId film = videos.uploadFromStream("film.mp4", new ByteArrayInputStream(filmBytes));
        ObjectId strayFilm = videos.uploadFromStream("stored-then-crashed.mp4", new ByteArrayInputStream(bytes(10)));
        ObjectId filmStill = stills.uploadFromStream("film.jpg", new ByteArrayInputStream(bytes(10)));
        ObjectId shotStill = stills.uploadFromStream("shot.jpg", new ByteArrayInputStream(bytes(10)));
        ObjectId takeStill = stills.uploadFromStream("take.jpg", new ByteArrayInputStream(bytes(10)));
        ObjectId take = normalised.uploadFromStream("take.mp4", new ByteArrayInputStream(bytes(10)));
        ObjectId strayTake = normalised.uploadFromStream("stray.mp4", new ByteArrayInputStream(bytes(10)));
        // An upload killed before its file document: chunks only.
        ObjectId unfinished = new ObjectId();
        db.getCollection(GridFsBuckets.VIDEOS + ".chunks").insertMany(List.of(
                new Document("files_id", unfinished).append("n", 0).append("data", new Binary(bytes(100))),
                new Document("files_id", unfinished).append("n", 1).append("data", new Binary(bytes(100)))));
        db.getCollection(MongoCollections.RENDERS).insertOne(new Document("_id", "m1").append("videoId", film.toHexString())
                .append("thumbnailId", filmStill.toHexString())
                .append("shots", List.of(new Document("takeId", "t1").append("thumbnailId", shotStill.toHexString()))));
        db.getCollection(MongoCollections.TAKES).insertOne(new Document("_id", "t1").append("montageId", "m1")
                .append("normalisedId", take.toHexString()).append("thumbnailId", takeStill.toHexString()));

        assertThat(new StorageSweeper(mongo, GRACE, Clock.systemUTC()).sweep())
                .as("everything is recent: it may be an upload or render in progress").isZero();

        Clock twoHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        assertThat(new StorageSweeper(mongo, GRACE, twoHoursLater).sweep()).isEqualTo(3);

        assertThat(ids(GridFsBuckets.VIDEOS + ".files")).as("the stray film %s goes", strayFilm).containsExactly(film);
        assertThat(chunkOwners(GridFsBuckets.VIDEOS)).as("its chunks and the unfinished upload go").containsExactly(film);
        assertThat(ids(GridFsBuckets.THUMBNAILS + ".files")).containsExactlyInAnyOrder(filmStill, shotStill, takeStill);
        assertThat(ids(GridFsBuckets.NORMALISED + ".files")).as("the stray take %s goes", strayTake).containsExactly(take);
        assertThat(chunkOwners(GridFsBuckets.NORMALISED)).containsExactly(take);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        videos.downloadToStream(film, read);
        assertThat(read.toByteArray()).as("the film in use, whole").isEqualTo(filmBytes);
    }

    /** A take's copy that its take replaced is kept while a film in pieces still names it, and goes after. */
    @Test
    void aTakeCopyAFilmInPiecesStillNamesStays() {
        ObjectId head = videos.uploadFromStream("head.mp4", new ByteArrayInputStream(bytes(10)));
        ObjectId replaced = normalised.uploadFromStream("take-before.mp4", new ByteArrayInputStream(bytes(10)));
        ObjectId current = normalised.uploadFromStream("take-now.mp4", new ByteArrayInputStream(bytes(10)));
        db.getCollection(MongoCollections.RENDERS).insertOne(new Document("_id", "m1").append("videoId",
                head.toHexString()).append("pieces", List.of(
                        new Document("bucket", GridFsBuckets.VIDEOS).append("fileId", head.toHexString())
                                .append("offset", 0L).append("length", 10L),
                        new Document("bucket", GridFsBuckets.NORMALISED).append("fileId", replaced.toHexString())
                                .append("offset", 2L).append("length", 8L))));
        db.getCollection(MongoCollections.TAKES).insertOne(new Document("_id", "t1").append("montageId", "m1")
                .append("normalisedId", current.toHexString()));
        Clock twoHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));

        assertThat(new StorageSweeper(mongo, GRACE, twoHoursLater).sweep()).isZero();

        db.getCollection(MongoCollections.RENDERS).deleteOne(new Document("_id", "m1"));
        assertThat(new StorageSweeper(mongo, GRACE, twoHoursLater).sweep()).as("the head and the old copy")
                .isEqualTo(2);
        assertThat(ids(GridFsBuckets.NORMALISED + ".files")).containsExactly(current);
    }

    private List<ObjectId> chunkOwners(String bucket) {
        return db.getCollection(bucket + ".chunks").distinct("files_id", ObjectId.class).into(new ArrayList<>());
    }

    private List<ObjectId> ids(String collection) {
        List<ObjectId> ids = new ArrayList<>();
        db.getCollection(collection).find().forEach(doc -> ids.add(doc.getObjectId("_id")));
        return ids;
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
