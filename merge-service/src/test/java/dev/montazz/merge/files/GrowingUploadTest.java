package dev.montazz.merge.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.model.Filters;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * A take's copy goes into GridFS while it is written, as FFmpeg writes an MP4: front to back, then its first bytes
 * once more (the media box's size) and its index appended. The file read back is the file as it ended; nobody sees a
 * file before it is finished; given up, nothing is left. On the MongoDB-wire server, or the real MongoDB given by
 * {@code MONGODB_URI}.
 */
class GrowingUploadTest {

    private static final int CHUNK = 1000;

    private final SimpleMongoClientDatabaseFactory mongo =
            new SimpleMongoClientDatabaseFactory(TestInfrastructure.newMongoDatabaseUri("merge-growing"));
    private final MongoDatabase db = mongo.getMongoDatabase();
    private final Random random = new Random(17);

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        mongo.destroy();
    }

    @Test
    void theCopyIsStoredAsItGrowsAndReadsBackAsItEnded() throws Exception {
        Path file = dir.resolve("take.mp4");
        GrowingUpload upload = upload(file);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(new byte[40])); // the header, its size left open
            for (int i = 0; i < 5; i++) {
                out.write(ByteBuffer.wrap(bytes(CHUNK)));
            }
            assertThat(awaitStoredChunks(4)).as("every chunk past the first the file holds whole, while it grows")
                    .containsExactly(1, 2, 3, 4);
            assertThat(db.getCollection(GridFsBuckets.NORMALISED + ".files").countDocuments())
                    .as("no file for readers before it is finished").isZero();
            for (int i = 0; i < 3; i++) {
                out.write(ByteBuffer.wrap(bytes(CHUNK / 3)));
            }
            out.write(ByteBuffer.wrap(bytes(40)), 0); // the header written again, as the encoder ends
            out.write(ByteBuffer.wrap(bytes(777)), out.size()); // the index, appended
        }

        String id = upload.finish();

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        GridFSBuckets.create(db, GridFsBuckets.NORMALISED).downloadToStream(new ObjectId(id), read);
        assertThat(read.toByteArray()).isEqualTo(Files.readAllBytes(file));
        GridFSFile stored = GridFSBuckets.create(db, GridFsBuckets.NORMALISED).find(Filters.eq("_id", new ObjectId(id)))
                .first();
        assertThat(stored.getLength()).isEqualTo(Files.size(file));
        assertThat(stored.getFilename()).isEqualTo("take.mp4");
        assertThat(stored.getMetadata().getString("montageId")).isEqualTo("m1");
        assertThat(storedChunks(new ObjectId(id))).as("each chunk once").containsExactly(0, 1, 2, 3, 4, 5, 6);

        upload.abandon();
        assertThat(storedChunks(new ObjectId(id))).as("a finished copy is its owner's to delete").hasSize(7);
    }

    @Test
    void aCopyGivenUpLeavesNothing() throws Exception {
        Path file = dir.resolve("given-up.mp4");
        GrowingUpload upload = upload(file);
        Files.write(file, bytes(CHUNK * 4));
        awaitStoredChunks(3);

        upload.abandon();

        assertThat(db.getCollection(GridFsBuckets.NORMALISED + ".chunks").countDocuments()).isZero();
        assertThat(db.getCollection(GridFsBuckets.NORMALISED + ".files").countDocuments()).isZero();
    }

    @Test
    void aShortCopyIsStoredWholeAtTheEnd() throws Exception {
        Path file = dir.resolve("short.mp4");
        GrowingUpload upload = upload(file);
        byte[] bytes = bytes(CHUNK / 2);
        Files.write(file, bytes);

        String id = upload.finish();

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        GridFSBuckets.create(db, GridFsBuckets.NORMALISED).downloadToStream(new ObjectId(id), read);
        assertThat(read.toByteArray()).isEqualTo(bytes);
    }

    private GrowingUpload upload(Path file) {
        return new GrowingUpload(db, GridFsBuckets.NORMALISED, file, CHUNK, file.getFileName().toString(),
                new Document("montageId", "m1").append("takeId", "m1/ann/t1"));
    }

    /** The chunk numbers stored so far, once there are {@code count} (the uploader polls the file). */
    private List<Integer> awaitStoredChunks(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<Integer> stored = List.of();
        while (System.nanoTime() < deadline) {
            stored = new ArrayList<>();
            for (Document chunk : db.getCollection(GridFsBuckets.NORMALISED + ".chunks").find()) {
                stored.add(chunk.getInteger("n"));
            }
            if (stored.size() >= count) {
                break;
            }
            Thread.sleep(50);
        }
        return stored.stream().sorted().toList();
    }

    private List<Integer> storedChunks(ObjectId id) {
        List<Integer> stored = new ArrayList<>();
        for (Document chunk : db.getCollection(GridFsBuckets.NORMALISED + ".chunks").find(Filters.eq("files_id", id))) {
            stored.add(chunk.getInteger("n"));
        }
        return stored.stream().sorted().toList();
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
