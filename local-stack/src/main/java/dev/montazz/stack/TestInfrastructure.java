package dev.montazz.stack;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the test suites of every service share: a MongoDB for the whole JVM. It is the real one named by
 * {@code MONGODB_URI} when given (each caller gets its own database there), otherwise one in-memory MongoDB-wire server.
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
