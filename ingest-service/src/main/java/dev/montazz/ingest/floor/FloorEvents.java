package dev.montazz.ingest.floor;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.montazz.security.CurrentUser;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Sends each open studio page the floor as its person sees it, whenever it changes. Changes made here are sent at
 * once; changes made by another ingest instance are noticed by polling the floors that have watchers, twice a second.
 */
@Component
class FloorEvents {

    private record Watcher(SseEmitter emitter, CurrentUser user) {
    }

    private final Map<String, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private final Map<String, Long> sentVersions = new ConcurrentHashMap<>();
    private final FloorStore store;
    private final FloorService floors;
    private final Clock clock;

    FloorEvents(FloorStore store, FloorService floors, Clock clock) {
        this.store = store;
        this.floors = floors;
        this.clock = clock;
    }

    SseEmitter watch(String montageId, CurrentUser user) {
        FloorView first = floors.view(montageId, user);
        SseEmitter emitter = new SseEmitter(0L);
        Watcher watcher = new Watcher(emitter, user);
        watchers.computeIfAbsent(montageId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
        Runnable forget = () -> watchers.getOrDefault(montageId, Set.of()).remove(watcher);
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(e -> forget.run());
        send(montageId, watcher, first);
        return emitter;
    }

    @EventListener
    void changed(FloorChanged event) {
        publish(event.floor());
    }

    @Scheduled(fixedDelay = 500)
    void poll() {
        for (String montageId : watchers.keySet()) {
            if (watchers.get(montageId).isEmpty()) {
                watchers.remove(montageId);
                sentVersions.remove(montageId);
                continue;
            }
            publish(store.read(montageId));
        }
    }

    private void publish(Floor floor) {
        Set<Watcher> audience = watchers.get(floor.montageId());
        long version = floor.version() == null ? 0 : floor.version();
        if (audience == null || audience.isEmpty() || version == sentVersions.getOrDefault(floor.montageId(), -1L)) {
            return;
        }
        sentVersions.put(floor.montageId(), version);
        FloorRules rules = floors.rules(floor.montageId());
        for (Watcher watcher : audience) {
            send(floor.montageId(), watcher, FloorView.of(floor, watcher.user().username(), clock.instant(), rules));
        }
    }

    private void send(String montageId, Watcher watcher, FloorView view) {
        try {
            watcher.emitter().send(SseEmitter.event().name("floor").data(view));
        } catch (IOException | IllegalStateException gone) {
            watchers.getOrDefault(montageId, Set.of()).remove(watcher);
        }
    }
}
