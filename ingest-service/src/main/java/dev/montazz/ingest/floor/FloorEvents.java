package dev.montazz.ingest.floor;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.montazz.security.CurrentUser;
import dev.montazz.security.streams.EventStreams;
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
    private final EventStreams streams;
    private final Clock clock;

    FloorEvents(FloorStore store, FloorService floors, EventStreams streams, Clock clock) {
        this.store = store;
        this.floors = floors;
        this.streams = streams;
        this.clock = clock;
    }

    /** A stream of the floor as this person sees it; limited, timed and heartbeaten by {@link EventStreams}. */
    SseEmitter watch(String montageId, CurrentUser user) {
        FloorView first = floors.view(montageId, user);
        Watcher[] watcher = new Watcher[1];
        SseEmitter emitter = streams.open(user.username(),
                () -> watchers.getOrDefault(montageId, Set.of()).remove(watcher[0]));
        watcher[0] = new Watcher(emitter, user);
        watchers.computeIfAbsent(montageId, id -> ConcurrentHashMap.newKeySet()).add(watcher[0]);
        send(watcher[0], first);
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
            send(watcher, FloorView.of(floor, watcher.user().username(), clock.instant(), rules));
        }
    }

    private void send(Watcher watcher, FloorView view) {
        streams.send(watcher.emitter(), SseEmitter.event().name("floor").data(view));
    }
}
