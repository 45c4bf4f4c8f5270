package dev.montazz.portal.render;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Hands render progress to the pages watching it. Holds only the latest event of renders still running: the outcome
 * of a finished render is in MongoDB, which is where a page that opens later reads it.
 */
@Component
public class LiveProgress {

    private static final Logger log = LoggerFactory.getLogger(LiveProgress.class);
    /** Browsers' EventSource reconnects by itself after this. */
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);

    private final Map<String, RenderProgress> running = new ConcurrentHashMap<>();
    private final Map<String, Set<SseEmitter>> watchers = new ConcurrentHashMap<>();

    public void publish(RenderProgress progress) {
        if (progress.finished()) {
            running.remove(progress.montageId());
        } else {
            running.put(progress.montageId(), progress);
        }
        for (SseEmitter emitter : watchers.getOrDefault(progress.montageId(), Set.of())) {
            send(emitter, progress);
        }
    }

    /** The latest news of a render still running, if any. */
    public java.util.Optional<RenderProgress> running(String montageId) {
        return java.util.Optional.ofNullable(running.get(montageId));
    }

    /** A stream of the progress of these montages, starting with what is known now. */
    SseEmitter watch(Collection<String> montageIds) {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        for (String id : montageIds) {
            watchers.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(emitter);
        }
        Runnable forget = () -> montageIds.forEach(id -> watchers.computeIfPresent(id, (k, set) -> {
            set.remove(emitter);
            return set.isEmpty() ? null : set;
        }));
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(e -> forget.run());
        for (String id : montageIds) {
            running(id).ifPresent(progress -> send(emitter, progress));
        }
        return emitter;
    }

    private static void send(SseEmitter emitter, RenderProgress progress) {
        try {
            emitter.send(SseEmitter.event().name("progress").data(progress));
        } catch (IOException | IllegalStateException gone) {
            // The page was closed; the container calls onError/onCompletion, which forgets the emitter.
            log.debug("Progress stream closed: {}", gone.getMessage());
            emitter.completeWithError(gone);
        }
    }
}
