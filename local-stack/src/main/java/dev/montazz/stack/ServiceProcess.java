package dev.montazz.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Montazz service started from its executable jar as a child process, the way an operator would run it. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final List<String> command;
    private final Map<String, String> environment;

    private ServiceProcess(String name, int port, Process process, Path log, List<String> command,
            Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.command = command;
        this.environment = environment;
    }

    public static ServiceProcess start(String name, Path jar, int port, List<String> jvmOptions,
            Map<String, String> environment, Path logDir) throws IOException {
        return start(name, List.of(), jar, port, jvmOptions, environment, logDir);
    }

    /** @param prefix what the command runs under, such as {@code nice -n 10}; empty for nothing */
    public static ServiceProcess start(String name, List<String> prefix, Path jar, int port, List<String> jvmOptions,
            Map<String, String> environment, Path logDir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first with ./mvnw -DskipTests package");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(prefix);
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        return launch(name, port, log, command, environment, ProcessBuilder.Redirect.to(log.toFile()));
    }

    private static ServiceProcess launch(String name, int port, Path log, List<String> command,
            Map<String, String> environment, ProcessBuilder.Redirect output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        builder.environment().putAll(environment);
        return new ServiceProcess(name, port, builder.start(), log, command, environment);
    }

    /** Kills the process at once, as a power cut would (no shutdown hooks, nothing flushed). */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the service again, the same way and on the same port, its log continued. */
    public ServiceProcess restart() throws IOException {
        return launch(name, port, log, command, environment, ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** The operating system's id of the service's process (to read its memory use, for instance). */
    public long pid() {
        return process.pid();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Waits until the service says it is ready to take traffic (actuator readiness group). */
    public void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready after " + timeout + "; see " + log);
    }

    public String name() {
        return name;
    }

    /** Whether the process is still running. */
    public boolean alive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended, as text ("unknown" while it runs). */
    public String exitCode() {
        return process.isAlive() ? "unknown" : String.valueOf(process.exitValue());
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
