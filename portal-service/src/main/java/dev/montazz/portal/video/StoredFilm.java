package dev.montazz.portal.video;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.model.Filters;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.render.FilmPiece;
import dev.montazz.contract.render.RenderView;
import org.bson.types.ObjectId;
import org.springframework.core.io.AbstractResource;

/**
 * A montage's film as merge stored it, as a Spring {@code Resource} (so Spring MVC answers Range requests): one GridFS
 * file, or pieces of several (the film's head, then each take's media in its own copy) read one after another. A
 * range far into the film skips whole pieces without opening them, and streams in small cursor batches: a film is
 * never in memory, and no reply exceeds what the embedded MongoDB-wire server can send.
 */
public final class StoredFilm extends AbstractResource {

    private static final int CURSOR_BATCH = 2;

    private final MongoDatabase db;
    private final GridFSFile head;
    private final List<FilmPiece> pieces;
    private final long length;

    private StoredFilm(MongoDatabase db, GridFSFile head, List<FilmPiece> pieces) {
        this.db = db;
        this.head = head;
        this.pieces = pieces;
        this.length = pieces.stream().mapToLong(FilmPiece::length).sum();
    }

    /** The render's film; empty when its file is gone (a new film replaced it meanwhile). */
    public static Optional<StoredFilm> of(MongoDatabase db, RenderView render) {
        if (render.videoId() == null || !ObjectId.isValid(render.videoId())) {
            return Optional.empty();
        }
        GridFSFile head = GridFSBuckets.create(db, GridFsBuckets.VIDEOS)
                .find(Filters.eq("_id", new ObjectId(render.videoId()))).first();
        if (head == null) {
            return Optional.empty();
        }
        List<FilmPiece> pieces = render.pieces().isEmpty()
                ? List.of(new FilmPiece(GridFsBuckets.VIDEOS, render.videoId(), 0, head.getLength()))
                : render.pieces();
        return Optional.of(new StoredFilm(db, head, pieces));
    }

    /** The film's id, which names this very film: a new film has a new one. */
    String id() {
        return head.getObjectId().toHexString();
    }

    /** The film's bytes, in order: for a film in one file, that whole file. */
    List<FilmPiece> pieces() {
        return pieces;
    }

    /** One piece's bytes. */
    InputStream open(FilmPiece piece) throws IOException {
        InputStream in = GridFSBuckets.create(db, piece.bucket()).openDownloadStream(new ObjectId(piece.fileId()))
                .batchSize(CURSOR_BATCH);
        try {
            in.skipNBytes(piece.offset());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }

    @Override
    public InputStream getInputStream() {
        return new PiecesStream();
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public long lastModified() {
        return head.getUploadDate().getTime();
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public String getFilename() {
        return head.getFilename();
    }

    @Override
    public String getDescription() {
        return "film " + id() + " (" + pieces.size() + " pieces)";
    }

    /** The pieces' bytes one after another, each opened when reading reaches it. */
    private final class PiecesStream extends InputStream {

        private int piece = -1;
        /** Bytes of the current piece not read yet. */
        private long left;
        private long skipInto;
        private InputStream in;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int wanted) throws IOException {
            if (wanted == 0) {
                return 0;
            }
            while (left == 0) {
                if (!next()) {
                    return -1;
                }
            }
            if (in == null) {
                in = open(pieces.get(piece));
                in.skipNBytes(skipInto);
            }
            int read = in.read(buffer, offset, (int) Math.min(wanted, left));
            if (read < 0) {
                throw new IOException("A piece of film " + id() + " ended before the film says");
            }
            left -= read;
            return read;
        }

        /** Skips whole pieces without opening them. */
        @Override
        public long skip(long bytes) throws IOException {
            long skipped = 0;
            while (skipped < bytes) {
                if (left == 0 && !next()) {
                    break;
                }
                long step = Math.min(left, bytes - skipped);
                if (in == null) {
                    skipInto += step;
                } else {
                    in.skipNBytes(step);
                }
                left -= step;
                skipped += step;
            }
            return skipped;
        }

        private boolean next() throws IOException {
            close();
            if (piece + 1 >= pieces.size()) {
                return false;
            }
            piece++;
            left = pieces.get(piece).length();
            skipInto = 0;
            return true;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
                in = null;
            }
        }
    }
}
