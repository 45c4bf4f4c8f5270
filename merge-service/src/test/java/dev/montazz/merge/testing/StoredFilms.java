package dev.montazz.merge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Filters;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.MongoCollections;
import org.bson.Document;
import org.bson.types.ObjectId;

/** A stored film's bytes as the portal sends them: the whole file, or its pieces one after another. */
public final class StoredFilms {

    private StoredFilms() {
    }

    /** Writes the film of the render naming {@code videoId} to {@code target}. */
    public static Path download(MongoDatabase db, String videoId, Path target) throws IOException {
        Document render = db.getCollection(MongoCollections.RENDERS).find(Filters.eq("videoId", videoId)).first();
        List<Document> pieces = render == null ? List.of() : render.getList("pieces", Document.class, List.of());
        try (OutputStream out = Files.newOutputStream(target)) {
            if (pieces.isEmpty()) {
                try (InputStream in = GridFSBuckets.create(db, GridFsBuckets.VIDEOS)
                        .openDownloadStream(new ObjectId(videoId))) {
                    in.transferTo(out);
                }
            }
            for (Document piece : pieces) {
                try (InputStream in = GridFSBuckets.create(db, piece.getString("bucket"))
                        .openDownloadStream(new ObjectId(piece.getString("fileId")))) {
                    in.skipNBytes(((Number) piece.get("offset")).longValue());
                    long length = ((Number) piece.get("length")).longValue();
                    if (in.transferTo(new Limited(out, length)) < length) {
                        throw new IOException("A piece of film " + videoId + " is shorter than its render says");
                    }
                }
            }
        }
        return target;
    }

    /** Passes on at most {@code left} bytes and drops the rest. */
    private static final class Limited extends OutputStream {
        private final OutputStream out;
        private long left;

        Limited(OutputStream out, long left) {
            this.out = out;
            this.left = left;
        }

        @Override
        public void write(int b) throws IOException {
            if (left > 0) {
                out.write(b);
                left--;
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int passed = (int) Math.min(left, length);
            out.write(bytes, offset, passed);
            left -= passed;
        }
    }
}
