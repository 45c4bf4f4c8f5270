package dev.montazz.portal.render;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.montazz.contract.render.RenderProgress;
import dev.montazz.security.streams.EventStreams;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Hands render progress to the pages watching it. Keeps the latest event of each montage for a while, so a page that
 * connects a moment after a render finished (it was generated before, its stream opened after) still hears of it.
 */
@Component
public class LiveProgress {


    /** Older news is in MongoDB, where pages read it when they are generated. */
    private static final Duration KEPT = Duration.ofMinutes(10);

    private final Map<String, RenderProgress> latest = new ConcurrentHashMap<>();
    private final Map<String, Set<SseEmitter>> watchers = new ConcurrentHashMap<>();
    private final EventStreams streams;

    LiveProgress(EventStreams streams) {
        this.streams = streams;
    }

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
        return java.util.Optional.ofNullable(latest.get(montageId)).filter(p -> !p.status().finished());
    }

    /** A stream of the progress of these montages, starting with what happened after {@code since}. */
    public SseEmitter watch(Collection<String> montageIds, Instant since, String person) {
        SseEmitter[] opened = new SseEmitter[1];
        SseEmitter emitter = streams.open(person, () -> montageIds.forEach(id -> watchers.computeIfPresent(id,
                (k, set) -> {
                    set.remove(opened[0]);
                    return set.isEmpty() ? null : set;
                })));
        opened[0] = emitter;
        for (String id : montageIds) {
            watchers.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(emitter);
        }
        for (String id : montageIds) {
            RenderProgress known = latest.get(id);
            if (known != null && known.at() != null && known.at().isAfter(since)) {
                send(emitter, known);
            }
        }
        return emitter;
    }

    private void send(SseEmitter emitter, RenderProgress progress) {
        streams.send(emitter, SseEmitter.event().name("progress").data(progress));
    }
}
