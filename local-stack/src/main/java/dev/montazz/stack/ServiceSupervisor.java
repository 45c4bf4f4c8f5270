package dev.montazz.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.montazz.stack.Platform.Service;

/**
 * Starts a service again when its process ends without being asked to (a crash, an out-of-memory kill), as an
 * orchestrator would: after 1 s, then 2, 4, ... up to a minute while it keeps failing, and from 1 s again once it has
 * stayed up for a minute. Each step is said on the launcher's console.
 */
final class ServiceSupervisor implements AutoCloseable {

    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);
    private static final Duration STABLE = Duration.ofMinutes(1);

    private final Platform platform;
    private final PrintStream console;
    private final ScheduledExecutorService timer;
    private final Set<Service> restarting = ConcurrentHashMap.newKeySet();
    private final Map<Service, Integer> failures = new ConcurrentHashMap<>();
    private final Map<Service, Instant> startedAt = new ConcurrentHashMap<>();

    ServiceSupervisor(Platform platform, PrintStream console) {
        this.platform = platform;
        this.console = console;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "montazz-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void check() {
        for (Service service : Service.values()) {
            if (restarting.contains(service)) {
                continue;
            }
            ServiceProcess process = platform.process(service);
            if (process.alive()) {
                Instant since = startedAt.get(service);
                if (since != null && since.plus(STABLE).isBefore(Instant.now())) {
                    failures.remove(service);
                    startedAt.remove(service);
                }
                continue;
            }
            int attempt = failures.merge(service, 1, Integer::sum);
            long wait = Math.min(LONGEST_WAIT.toSeconds(), 1L << Math.min(attempt - 1, 6));
            restarting.add(service);
            console.printf("%s stopped (exit code %s); starting it again in %d s%s%n", process.name(),
                    process.exitCode(), wait, attempt > 1 ? " (attempt " + attempt + ")" : "");
            timer.schedule(() -> restart(service), wait, TimeUnit.SECONDS);
        }
    }

    private void restart(Service service) {
        try {
            platform.restart(service);
            startedAt.put(service, Instant.now());
            console.printf("%s is running again at %s%n", service.module, platform.url(service));
        } catch (Exception e) {
            console.printf("%s did not start again: %s (see %s)%n", service.module, e.getMessage(),
                    platform.log(service));
        } finally {
            restarting.remove(service);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
