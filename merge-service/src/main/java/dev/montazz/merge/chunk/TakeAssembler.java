package dev.montazz.merge.chunk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.chunk.Container;
import dev.montazz.merge.take.Take;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Writes a take's chunks, in sequence order, into one file. Only the first chunk of a MediaRecorder take has the
 * container header, so the chunks are only meaningful together; never probe one alone.
 */
@Component
public class TakeAssembler {

    private final MongoTemplate mongo;

    TakeAssembler(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The assembled file, or empty with the reason written to {@code problems} when chunks are missing. Each chunk is
     * read by its {@code _id} (the take's key and its number), one at a time: a lookup even the embedded MongoDB-wire
     * server answers from its index however many chunks it holds, where a query by take scans them all.
     */
    public Optional<Path> assemble(Take take, Path dir, java.util.List<String> problems) throws IOException {
        Path file = dir.resolve(take.fileName() + Container.fromWire(take.container()).orElse(Container.WEBM).extension());
        int expected = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (; expected <= take.lastSequence(); expected++) {
                Query query = Query.query(Criteria.where("_id").is(TakeKey.chunkId(take.id(), expected)));
                query.fields().include("data");
                Document chunk = mongo.findOne(query, Document.class, MongoCollections.CHUNKS);
                if (chunk == null) {
                    if (expected > 0) {
                        problems.add("Take by " + take.contributor() + " stops at chunk " + expected
                                + " (chunk missing); the rest of it was left out");
                    }
                    break;
                }
                out.write(chunk.get("data", Binary.class).getData());
            }
        }
        if (expected == 0) {
            problems.add("Take by " + take.contributor() + " has no stored chunks and was skipped");
            return Optional.empty();
        }
        return Optional.of(file);
    }
}
