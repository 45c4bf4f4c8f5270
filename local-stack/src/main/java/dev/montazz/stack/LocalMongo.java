package dev.montazz.stack;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

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

    public static LocalMongo onDisk(Path file, int port) {
        return new LocalMongo(new H2Backend(file.toAbsolutePath().toString()), port);
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
