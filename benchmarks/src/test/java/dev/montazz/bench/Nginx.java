package dev.montazz.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's nginx serving a folder on a free local port, configured as for static files at their fastest
 * ({@code sendfile}, no access log): the reference a film server is measured against.
 */
final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Nginx start(Path work, Path root) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("nginx"));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        // One process that stays in the foreground as this user (no master dropping to "nobody", who could not read
        // the benchmark's private folder).
        String conf = """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    types { video/mp4 mp4; }
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                    }
                }
                """.formatted(dir, port, root);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        Nginx nginx = new Nginx(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("out.log")));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/")
                        .toURL().openConnection();
                connection.getResponseCode();
                connection.disconnect();
                return nginx;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        nginx.close();
        throw new IllegalStateException("nginx did not answer on port " + port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
