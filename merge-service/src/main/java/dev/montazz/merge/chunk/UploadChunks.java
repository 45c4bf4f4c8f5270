package dev.montazz.merge.chunk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.montazz.contract.MongoCollections;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The stored chunks of a file upload (music, a shot from a file), made into the file once its last one is in. */
@Component
public class UploadChunks {

    private final MongoTemplate mongo;

    UploadChunks(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Writes the chunks in order into the file; returns its size, or -1 when a chunk is missing (they are stored one
     * after another, each confirmed before the next is sent, so that is an upload that lost its beginning). Chunks
     * are read by {@code _id}, one at a time (see {@link TakeAssembler}).
     *
     * @param uploadKey the chunks' take key: montage, uploader and the upload's id
     */
    public long assemble(String uploadKey, int lastSequence, Path file) throws IOException {
        long bytes = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int sequence = 0; sequence <= lastSequence; sequence++) {
                byte[] data = data(uploadKey, sequence);
                if (data == null) {
                    return -1;
                }
                out.write(data);
                bytes += data.length;
            }
        }
        return bytes;
    }

    /** How many bytes of the upload, up to its chunk {@code lastSequence}, are stored. */
    public long storedBytes(String uploadKey, int lastSequence) {
        long bytes = 0;
        for (int sequence = 0; sequence <= lastSequence; sequence++) {
            byte[] data = data(uploadKey, sequence);
            bytes += data == null ? 0 : data.length;
        }
        return bytes;
    }

    /** Lets every stored chunk of the upload, up to its chunk {@code lastSequence}, go. */
    public void remove(String uploadKey, int lastSequence) {
        for (int sequence = 0; sequence <= lastSequence; sequence++) {
            mongo.remove(Query.query(Criteria.where("_id").is(TakeKey.chunkId(uploadKey, sequence))),
                    MongoCollections.CHUNKS);
        }
    }

    private byte[] data(String uploadKey, int sequence) {
        Query query = Query.query(Criteria.where("_id").is(TakeKey.chunkId(uploadKey, sequence)));
        query.fields().include("data");
        Document chunk = mongo.findOne(query, Document.class, MongoCollections.CHUNKS);
        return chunk == null ? null : chunk.get("data", Binary.class).getData();
    }
}
