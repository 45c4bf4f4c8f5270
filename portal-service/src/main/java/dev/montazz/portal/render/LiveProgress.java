package dev.montazz.portal.render;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Hands render progress to the pages watching it. Keeps the latest event of each montage for a while, so a page that
 * connects a moment after a render finished (it was generated before, its stream opened after) still hears of it.
 */
@Component
public class LiveProgress {

    private static final Logger log = LoggerFactory.getLogger(LiveProgress.class);
    /** Browsers' EventSource reconnects by itself after this. */
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);

    /** Older news is in MongoDB, where pages read it when they are generated. */
    private static final Duration KEPT = Duration.ofMinutes(10);

    private final Map<String, RenderProgress> latest = new ConcurrentHashMap<>();
    private final Map<String, Set<SseEmitter>> watchers = new ConcurrentHashMap<>();

    public void publish(RenderProgress progress) {
        latest.put(progress.montageId(), progress);
        Instant expired = Instant.now().minus(KEPT);
        latest.values().removeIf(p -> p.at() == null || p.at().isBefore(expired));
        for (SseEmitter emitter : watchers.getOrDefault(progress.montageId(), Set.of())) {
            send(emitter, progress);
        }
    }

    /** The latest news of a render still running, if any. */
    public java.util.Optional<RenderProgress> running(String montageId) {
        return java.util.Optional.ofNullable(latest.get(montageId)).filter(p -> !p.finished());
    }

    /** A stream of the progress of these montages, starting with what happened after {@code since}. */
    SseEmitter watch(Collection<String> montageIds, Instant since) {
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
            RenderProgress known = latest.get(id);
            if (known != null && known.at() != null && known.at().isAfter(since)) {
                send(emitter, known);
            }
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
