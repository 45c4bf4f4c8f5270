package dev.montazz.merge.chunk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import dev.montazz.contract.chunk.Container;
import dev.montazz.merge.take.Take;
import org.springframework.data.domain.Sort;
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

    /** The assembled file, or empty with the reason written to {@code problems} when chunks are missing. */
    public Optional<Path> assemble(Take take, Path dir, java.util.List<String> problems) throws IOException {
        Path file = dir.resolve(take.fileName() + Container.fromWire(take.container()).orElse(Container.WEBM).extension());
        Query query = Query.query(Criteria.where("takeId").is(take.id())).with(Sort.by("sequence"));
        // Small batches: chunks are up to a few MiB and the embedded MongoDB-wire server caps a reply near 48 MB.
        query.cursorBatchSize(4);
        int expected = 0;
        try (Stream<StoredChunk> chunks = mongo.stream(query, StoredChunk.class);
                OutputStream out = Files.newOutputStream(file)) {
            for (StoredChunk chunk : (Iterable<StoredChunk>) chunks::iterator) {
                if (chunk.sequence() > take.lastSequence()) {
                    break;
                }
                if (chunk.sequence() != expected) {
                    problems.add("Take by " + take.contributor() + " stops at chunk " + expected
                            + " (chunk missing); the rest of it was left out");
                    break;
                }
                out.write(chunk.data());
                expected++;
            }
        }
        if (expected == 0) {
            problems.add("Take by " + take.contributor() + " has no stored chunks and was skipped");
            return Optional.empty();
        }
        return Optional.of(file);
    }
}
