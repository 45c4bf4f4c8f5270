package dev.montazz.stack;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.h2.mvstore.MVStore;

/**
 * An embedded MongoDB wire-protocol server (mongo-java-server). On disk (H2) for the local stack, in memory for tests.
 * It lacks transactions, TTL expiry and $text; Montazz uses none of them, so the same code runs on a real MongoDB.
 */
public final class LocalMongo implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private LocalMongo(MongoBackend backend, int port) {
        this.server = new MongoServer(backend);
        this.address = port == 0 ? server.bind() : bind(server, port);
    }

    private static InetSocketAddress bind(MongoServer server, int port) {
        server.bind("127.0.0.1", port);
        return server.getLocalAddress();
    }

    /**
     * MiB of the store's pages kept in memory. With H2's default (16) the store soon no longer fits, and a query that
     * reads a collection (the montage list) reads and decodes its pages from the file every time: with 75,000
     * montages the list took 1.2-6.2 s, with 256 MiB 0.25 s (StoreGrowthBenchmark).
     */
    static final int CACHE_MB = 256;

    public static LocalMongo onDisk(Path file, int port) {
        MVStore store = new MVStore.Builder().fileName(file.toAbsolutePath().toString()).cacheSize(CACHE_MB).open();
        return new LocalMongo(new H2Backend(store), port);
    }

    public static LocalMongo inMemory() {
        return new LocalMongo(new MemoryBackend(), 0);
    }

    public String uri(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
