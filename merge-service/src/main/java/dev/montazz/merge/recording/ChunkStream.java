package dev.montazz.merge.recording;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import dev.montazz.contract.MongoCollections;
import dev.montazz.merge.chunk.TakeKey;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A take's recording as one stream while it is being recorded: its stored chunks in order, each read by its
 * {@code _id} once news says it is stored, waiting for the next one, ending after the take's last. It ends normally
 * only there ({@link #whole()}); anything else — no chunk for too long, a chunk gone, {@link #close()} — fails the
 * read, so what was made from it is never taken for the whole take.
 */
final class ChunkStream extends InputStream {

    /** How often the store is looked at when news is slow to come (news can be lost). */
    private static final long LOOK_EVERY_MS = 1_000;

    private final MongoTemplate mongo;
    private final String takeId;
    private final long idleNanos;
    private int next;
    private byte[] current = new byte[0];
    private int position;
    /** Guarded by this. */
    private int storedUpTo = -1;
    private int last = Integer.MAX_VALUE;
    private boolean closed;
    private boolean ended;
    private long endedAt;
    private long endKnownAt;

    /** @param idle how long to wait for a chunk before giving the take up */
    ChunkStream(MongoTemplate mongo, String takeId, Duration idle) {
        this.mongo = mongo;
        this.takeId = takeId;
        this.idleNanos = idle.toNanos();
    }

    /** News: chunks are stored up to {@code sequence}; {@code isLast}: the take ends there. */
    synchronized void stored(int sequence, boolean isLast) {
        storedUpTo = Math.max(storedUpTo, sequence);
        if (isLast && last == Integer.MAX_VALUE) {
            last = sequence;
            endKnownAt = System.nanoTime();
        }
        notifyAll();
    }

    /** Whether the stream was read to the take's last chunk and no further. */
    synchronized boolean whole() {
        return ended;
    }

    /** When the end was read ({@link System#nanoTime()}), once {@link #whole()}. */
    synchronized long endedAt() {
        return endedAt;
    }

    /** When the take's end became known ({@link System#nanoTime()}). */
    synchronized long endKnownAt() {
        return endKnownAt;
    }

    /** The take's last chunk, once known. */
    synchronized int lastSequence() {
        return last;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == current.length && !nextChunk()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, into, offset, n);
        position += n;
        return n;
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private boolean nextChunk() throws IOException {
        long deadline = System.nanoTime() + idleNanos;
        while (true) {
            synchronized (this) {
                if (closed) {
                    throw new IOException("Stopped reading take " + takeId);
                }
                if (next > last) {
                    ended = true;
                    endedAt = System.nanoTime();
                    return false;
                }
                if (storedUpTo < next) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IOException("No chunk " + next + " of take " + takeId + " for "
                                + Duration.ofNanos(idleNanos).toSeconds() + " s");
                    }
                    try {
                        wait(Math.max(1, Math.min(LOOK_EVERY_MS, left / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("Interrupted while reading take " + takeId, e);
                    }
                }
            }
            byte[] chunk = read(next);
            if (chunk != null) {
                current = chunk;
                position = 0;
                next++;
                return true;
            }
            synchronized (this) {
                if (storedUpTo >= next) {
                    // Told it is stored, yet it is not there: removed (the montage went, or the take was retaken).
                    throw new IOException("Chunk " + next + " of take " + takeId + " is gone");
                }
            }
        }
    }

    private byte[] read(int sequence) {
        Query query = Query.query(Criteria.where("_id").is(TakeKey.chunkId(takeId, sequence)));
        query.fields().include("data");
        Document chunk = mongo.findOne(query, Document.class, MongoCollections.CHUNKS);
        return chunk == null ? null : chunk.get("data", Binary.class).getData();
    }
}
