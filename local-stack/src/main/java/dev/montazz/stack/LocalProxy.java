package dev.montazz.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy (Debian's package) in front of several instances of each service, as a load balancer in production: each
 * request to the next instance in turn, no stickiness, an instance taken out within a second of failing its readiness
 * check, a request whose connection failed sent to another. Every answer names the instance that gave it
 * ({@code X-Montazz-Instance}), so tests can see requests alternate.
 */
public final class LocalProxy implements AutoCloseable {

    public static final String INSTANCE_HEADER = "X-Montazz-Instance";

    private final Process process;
    private final Path log;

    private LocalProxy(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param frontends each service's name, the port the proxy listens on for it, and its instances' ports
     */
    public static LocalProxy start(Path dir, Map<String, Frontend> frontends) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        StringBuilder config = new StringBuilder("""
                global
                  maxconn 4000
                defaults
                  mode http
                  timeout connect 2s
                  # Live pages hold a stream open (server-sent events, with a heartbeat well within this).
                  timeout client 10m
                  timeout server 10m
                  timeout http-request 10s
                  retries 2
                  option redispatch
                  option http-server-close
                  # The client's address, for the services to see who is asking (auth's sign-in throttle).
                  option forwardfor
                """);
        frontends.forEach((name, frontend) -> {
            config.append("frontend ").append(name).append("\n  bind 127.0.0.1:").append(frontend.port())
                    .append("\n  default_backend ").append(name).append("\nbackend ").append(name).append("""

                      balance roundrobin
                      option httpchk GET /actuator/health/readiness
                      http-check expect status 200
                      default-server inter 500ms fall 2 rise 2
                      http-response set-header %s %%[srv_name]
                    """.formatted(INSTANCE_HEADER));
            List<Integer> instances = frontend.instances();
            for (int i = 0; i < instances.size(); i++) {
                config.append("  server ").append(name).append('-').append(i + 1).append(" 127.0.0.1:")
                        .append(instances.get(i)).append(" check\n");
            }
        });
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        Path log = dir.resolve("haproxy.log");
        Process process = new ProcessBuilder(executable(), "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        LocalProxy proxy = new LocalProxy(process, log);
        for (Frontend frontend : frontends.values()) {
            proxy.awaitListening(frontend.port(), Duration.ofSeconds(20));
        }
        return proxy;
    }

    private void awaitListening(int port, Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("HAProxy exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("HAProxy does not listen on " + port + "; see " + log);
    }

    /** Debian installs it in /usr/sbin, which a user's PATH may lack. */
    private static String executable() {
        for (String candidate : List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "haproxy";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** @param port where the proxy listens for this service; @param instances the instances' ports */
    public record Frontend(int port, List<Integer> instances) {
    }
}
