package dev.montazz.merge;

import dev.montazz.stack.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * merge-service on a real Kafka broker (embedded KRaft, or {@code KAFKA_BOOTSTRAP}) and MongoDB-wire server (or
 * {@code MONGODB_URI}). Test classes extending it share one application context. Films are 640x360 so the suite stays
 * quick; the 2.5 s title card is the default's.
 */
@SpringBootTest
@EmbeddedKafka(partitions = 1, topics = MergeOnRealInfrastructure.RECEIPTS)
public abstract class MergeOnRealInfrastructure {

    /** Where tests playing ingest-service ask merge to send its replies. */
    public static final String RECEIPTS = "test.chunk-receipts";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "merge");
        registry.add("montazz.merge.film.width", () -> "640");
        registry.add("montazz.merge.film.height", () -> "360");
        // Every chunk counts as slow: its log line is under test (ChunkToFilmTest), whatever this machine's speed.
        registry.add("montazz.merge.chunks.slow-chunk", () -> "0ms");
    }
}
