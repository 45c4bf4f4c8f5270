package dev.montazz.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import dev.montazz.stack.Platform;

/**
 * The platform a benchmark measures on, as the run command starts it (embedded broker and MongoDB-wire server, the
 * four services with full just-in-time compilation).
 *
 * <p>In the all-benchmarks run ({@code -Dquick=true}) the benchmarks that measure that default platform share one:
 * the first starts it, the others find it warm, and it stops when the run's JVM ends. A start costs 45-65 s on two
 * cores, which six starts would spend of the run's 20 minutes. The later benchmarks then measure a platform that has
 * served the earlier ones (warm, their data beside theirs), as a server that has run a while; they say so in their
 * output. A benchmark that needs a platform set up otherwise ({@link #own}) stops the shared one first, so that
 * nothing runs beside what it measures; the next benchmark on the default platform starts a new one. Run alone, or
 * without {@code -Dquick}, each benchmark has a platform of its own, stopped and deleted after it.
 */
public final class BenchPlatform implements AutoCloseable {

    /** The all-benchmarks run: every benchmark in its shorter form, and one default platform for them all. */
    public static final boolean QUICK = Boolean.getBoolean("quick");

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static BenchPlatform shared;

    private final Platform platform;
    private final Path data;
    private final boolean own;
    private int benchmarks;
    private boolean stopped;

    private BenchPlatform(Platform platform, Path data, boolean own) {
        this.platform = platform;
        this.data = data;
        this.own = own;
    }

    /** For a benchmark that measures without a platform: stops the shared one, so that it measures the machine alone. */
    public static synchronized void alone() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
    }

    /**
     * A platform of the caller's own with these settings (environment variables of the services), in {@code data};
     * stopped and deleted when closed. The shared platform, if one is up, stops first.
     */
    static synchronized BenchPlatform own(Path data, Map<String, String> settings) throws Exception {
        alone();
        return new BenchPlatform(Platform.start(HOME, data, false, Platform.Jvm.STEADY, 1, 1, settings), data, true);
    }

    /** The default platform: the shared one in the all-benchmarks run, else one of the caller's own. */
    static synchronized BenchPlatform open() throws Exception {
        if (!QUICK) {
            Path data = Files.createTempDirectory("montazz-bench-");
            return new BenchPlatform(Platform.start(HOME, data, false), data, true);
        }
        if (shared == null) {
            Path data = Files.createTempDirectory("montazz-bench-shared-");
            shared = new BenchPlatform(Platform.start(HOME, data, false), data, false);
            // The run's JVM ends after the last benchmark; no benchmark knows it is the last.
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "bench-platform-stop"));
        }
        shared.benchmarks++;
        if (shared.benchmarks > 1) {
            System.out.printf("%n(on the platform shared by the all-benchmarks run, after %d benchmark(s) on it)%n",
                    shared.benchmarks - 1);
        }
        return shared;
    }

    Platform platform() {
        return platform;
    }

    /** The platform's data directory: its logs, its keys, its store. */
    Path data() {
        return data;
    }

    /** Whether an earlier benchmark already ran on it (its compilers are done with the common paths). */
    synchronized boolean warm() {
        return benchmarks > 1;
    }

    /** Stops a benchmark's own platform and deletes its data; the shared one stays up for the next benchmark. */
    @Override
    public void close() {
        if (own) {
            stop();
        }
    }

    private synchronized void stop() {
        if (!stopped) {
            stopped = true;
            platform.close();
            delete(data);
        }
    }

    /** Deletes a directory and all in it (benchmarks leave gigabytes). */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
