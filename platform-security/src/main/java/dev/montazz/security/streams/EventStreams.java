package dev.montazz.security.streams;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent event streams that cannot pile up. Each person holds a few at most; each ends after its lifetime (the
 * browser reconnects); and every stream gets a heartbeat comment, so one whose client vanished without closing the
 * connection (200 such streams once stayed open in CLOSE-WAIT for ten minutes) fails on a write within about two
 * heartbeats and is dropped, with whatever its owner registered to forget.
 */
public class EventStreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    private final StreamSettings settings;
    private final Map<String, Set<SseEmitter>> byPerson = new ConcurrentHashMap<>();
    private final Map<SseEmitter, Runnable> forgetting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats;

    public EventStreams(StreamSettings settings) {
        this.settings = settings;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sse-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * A new stream for this person, or 429 when they hold as many as allowed. {@code onClose} runs once, however the
     * stream ends: completed, timed out, failed, or found dead by a heartbeat.
     */
    public SseEmitter open(String person, Runnable onClose) {
        SseEmitter emitter = new SseEmitter(settings.lifetime().toMillis());
        AtomicBoolean granted = new AtomicBoolean();
        byPerson.compute(person, (who, streams) -> {
            Set<SseEmitter> held = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            if (held.size() < settings.maxPerPerson()) {
                held.add(emitter);
                granted.set(true);
            }
            return held.isEmpty() ? null : held;
        });
        if (!granted.get()) {
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, "You have " + settings.maxPerPerson()
                    + " live pages open already; close one to open another");
        }
        AtomicBoolean closed = new AtomicBoolean();
        Runnable forget = () -> {
            if (closed.compareAndSet(false, true)) {
                forgetting.remove(emitter);
                byPerson.computeIfPresent(person, (who, held) -> {
                    held.remove(emitter);
                    return held.isEmpty() ? null : held;
                });
                onClose.run();
            }
        };
        forgetting.put(emitter, forget);
        emitter.onCompletion(forget);
        emitter.onTimeout(() -> {
            forget.run();
            emitter.complete();
        });
        emitter.onError(error -> forget.run());
        return emitter;
    }

    /** Streams open now, everyone's. */
    public int open() {
        return forgetting.size();
    }

    /** Sends an event; a stream that cannot take it is ended and forgotten at once. */
    public void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            log.debug("Event stream closed: {}", gone.getMessage());
            drop(emitter, gone);
        }
    }

    private void beat() {
        for (SseEmitter emitter : forgetting.keySet()) {
            send(emitter, SseEmitter.event().comment("heartbeat"));
        }
    }

    private void drop(SseEmitter emitter, Exception why) {
        Runnable forget = forgetting.get(emitter);
        if (forget != null) {
            forget.run();
        }
        try {
            emitter.completeWithError(why);
        } catch (RuntimeException alreadyDone) {
            log.trace("Stream already completed: {}", alreadyDone.getMessage());
        }
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
    }
}
