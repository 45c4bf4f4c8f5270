package dev.montazz.stack;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one way every service's tests reach real infrastructure (shared as local-stack's test-jar): a MongoDB for the
 * whole JVM, the real one named by {@code MONGODB_URI} when given (each caller gets its own database there), otherwise
 * one in-memory MongoDB-wire server; and Kafka, the real cluster named by {@code KAFKA_BOOTSTRAP} when given, otherwise
 * the test's embedded KRaft broker.
 */
public final class TestInfrastructure {

    private static final AtomicInteger databases = new AtomicInteger();
    private static LocalMongo mongo;

    private TestInfrastructure() {
    }

    /** A fresh, empty database for one test class or application context. */
    public static synchronized String newMongoDatabaseUri(String prefix) {
        String database = prefix + "-" + ProcessHandle.current().pid() + "-" + databases.incrementAndGet();
        Optional<String> real = Optional.ofNullable(System.getenv("MONGODB_URI")).filter(s -> !s.isBlank());
        if (real.isPresent()) {
            return withDatabase(real.get(), database);
        }
        if (mongo == null) {
            mongo = LocalMongo.inMemory();
        }
        return mongo.uri(database);
    }

    /**
     * Points a Spring Boot test at both, with a database of its own: for a {@code @DynamicPropertySource} of a test
     * that runs an {@code @EmbeddedKafka} broker (used when no real Kafka is given).
     */
    public static void register(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.mongodb.uri", () -> newMongoDatabaseUri(database));
        registry.add("spring.kafka.bootstrap-servers",
                () -> realKafka().orElse(System.getProperty("spring.embedded.kafka.brokers")));
        // Boot's MongoDB check needs a command the embedded server lacks; platform-security's ping does its work.
        registry.add("management.health.mongodb.enabled", () -> "false");
        // Each application context a folder of its own for what it keeps on disk (the portal's film copies).
        registry.add("montazz.portal.film-copies.dir", () -> newFolder("montazz-portal-films-"));
    }

    private static String newFolder(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The Kafka bootstrap servers given in the environment, if any (otherwise tests use an embedded broker). */
    public static Optional<String> realKafka() {
        return Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP")).filter(s -> !s.isBlank());
    }

    static String withDatabase(String uri, String database) {
        int schemeEnd = uri.indexOf("://") + 3;
        int slash = uri.indexOf('/', schemeEnd);
        int query = uri.indexOf('?', schemeEnd);
        String hosts = uri.substring(0, slash >= 0 ? slash : (query >= 0 ? query : uri.length()));
        String options = query >= 0 ? uri.substring(query) : "";
        return hosts + "/" + database + options;
    }
}
