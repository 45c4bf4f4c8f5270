package dev.montazz.merge.chunk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.montazz.contract.MongoCollections;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.domain.Sort;
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
     * after another, each confirmed before the next is sent, so that is an upload that lost its beginning).
     *
     * @param uploadKey the chunks' take key: montage, uploader and the upload's id
     */
    public long assemble(String uploadKey, int lastSequence, Path file) throws IOException {
        Query query = Query.query(Criteria.where("takeId").is(uploadKey)).with(Sort.by("sequence"));
        query.fields().include("sequence", "data");
        // Small batches: chunks are up to a few MiB and the embedded MongoDB-wire server caps a reply near 48 MB.
        query.cursorBatchSize(4);
        long bytes = 0;
        int expected = 0;
        try (Stream<Document> chunks = mongo.stream(query, Document.class, MongoCollections.CHUNKS);
                OutputStream out = Files.newOutputStream(file)) {
            for (Document chunk : (Iterable<Document>) chunks::iterator) {
                if (chunk.getInteger("sequence") != expected) {
                    return -1;
                }
                byte[] data = chunk.get("data", Binary.class).getData();
                out.write(data);
                bytes += data.length;
                expected++;
            }
        }
        return expected == lastSequence + 1 ? bytes : -1;
    }

    /** How many bytes of the upload are stored. */
    public long storedBytes(String uploadKey) {
        Query query = Query.query(Criteria.where("takeId").is(uploadKey));
        query.fields().include("data");
        query.cursorBatchSize(4);
        long bytes = 0;
        try (Stream<Document> chunks = mongo.stream(query, Document.class, MongoCollections.CHUNKS)) {
            for (Document chunk : (Iterable<Document>) chunks::iterator) {
                bytes += chunk.get("data", Binary.class).length();
            }
        }
        return bytes;
    }

    /** Lets every stored chunk of the upload go. */
    public void remove(String uploadKey) {
        mongo.remove(Query.query(Criteria.where("takeId").is(uploadKey)), MongoCollections.CHUNKS);
    }
}
