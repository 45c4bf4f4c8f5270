package dev.montazz.merge.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Date;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A take's copy put into GridFS while its encoder still writes it, so that when the take ends only its last
 * megabyte, its index and its first chunk are left to store: stored after the end, a copy cost about a second per
 * 100 MB (half a second for a five-minute take) between the last chunk and the playable film.
 *
 * <p>FFmpeg writes an MP4 without {@code faststart} front to back and appends its index ({@code moov}) at the end;
 * the one place it writes again is the {@code mdat} box's size, in the file's first bytes. So the first GridFS chunk
 * is stored last, and every other one as soon as the file has grown past it. The file's document in
 * {@code <bucket>.files} is written last of all: until then no reader sees a file. An upload given up leaves nothing
 * ({@link #abandon}); one cut short by a crash leaves chunks of no file, which the {@code StorageSweeper} removes
 * after its grace period (an hour, longer than the longest take).
 */
public final class GrowingUpload {

    private static final Logger log = LoggerFactory.getLogger(GrowingUpload.class);
    /** How often the file is looked at: a chunk is a megabyte, about eight seconds of a take. */
    private static final Duration POLL = Duration.ofMillis(250);

    private final MongoCollection<Document> chunks;
    private final MongoCollection<Document> files;
    private final ObjectId id = new ObjectId();
    private final Path file;
    private final int chunkBytes;
    private final String fileName;
    private final Document metadata;
    private final Thread poller;
    /** The next chunk to store while the file grows (chunk 0 waits for the end). */
    private int next = 1;
    private boolean over;
    /** Its file's document written: from then on the file is its owner's to keep or delete. */
    private boolean finished;
    private IOException failure;

    GrowingUpload(MongoDatabase db, String bucket, Path file, int chunkBytes, String fileName, Document metadata) {
        this.chunks = db.getCollection(bucket + ".chunks");
        this.files = db.getCollection(bucket + ".files");
        this.file = file;
        this.chunkBytes = chunkBytes;
        this.fileName = fileName;
        this.metadata = metadata;
        this.poller = new Thread(this::poll, "upload-" + id);
        poller.setDaemon(true);
        poller.start();
    }

    public Path file() {
        return file;
    }

    String montageId() {
        return metadata.getString("montageId");
    }

    /**
     * Stores the rest once the encoder has closed the file, then the file's document; returns its id. Throws when
     * storing failed, now or while the file grew; then nothing is kept.
     */
    String finish() throws IOException {
        stopPolling();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            synchronized (this) {
                if (failure != null) {
                    throw failure;
                }
                long length = in.size();
                int count = (int) ((length + chunkBytes - 1) / chunkBytes);
                if (length > 0) {
                    store(in, 0, length);
                }
                for (int n = next; n < count; n++) {
                    store(in, n, length);
                }
                files.insertOne(new Document("_id", id).append("length", length).append("chunkSize", chunkBytes)
                        .append("uploadDate", new Date()).append("filename", fileName).append("metadata", metadata));
                finished = true;
                return id.toHexString();
            }
        } catch (IOException | RuntimeException e) {
            abandon();
            throw e instanceof IOException io ? io : new IOException("Could not store " + fileName, e);
        }
    }

    /** Removes what was stored: the copy is not kept. Nothing once {@link #finish} stored it whole. */
    public void abandon() {
        stopPolling();
        synchronized (this) {
            if (finished) {
                return;
            }
        }
        try {
            chunks.deleteMany(Filters.eq("files_id", id));
        } catch (RuntimeException e) {
            // Left to the StorageSweeper: chunks of no file, once older than its grace period.
            log.info("Could not remove the chunks of {} yet: {}", fileName, e.toString());
        }
    }

    private void poll() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(POLL.toMillis());
                storeGrown();
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stores every chunk after the first that the file now holds whole, once. */
    private synchronized void storeGrown() {
        if (over || failure != null) {
            return;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = in.size();
            while ((long) (next + 1) * chunkBytes <= length) {
                store(in, next, length);
                next++;
            }
        } catch (java.nio.file.NoSuchFileException notYet) {
            // the encoder has not opened its output yet
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException("Could not store " + fileName, e);
        }
    }

    private void store(FileChannel in, int n, long length) throws IOException {
        long from = (long) n * chunkBytes;
        ByteBuffer data = ByteBuffer.allocate((int) Math.min(chunkBytes, length - from));
        while (data.hasRemaining()) {
            if (in.read(data, from + data.position()) < 0) {
                throw new IOException(file + " ended before " + (from + data.capacity()) + " bytes");
            }
        }
        chunks.insertOne(new Document("_id", new ObjectId()).append("files_id", id).append("n", n)
                .append("data", new Binary(data.array())));
    }

    private void stopPolling() {
        synchronized (this) {
            over = true;
        }
        poller.interrupt();
        try {
            poller.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
