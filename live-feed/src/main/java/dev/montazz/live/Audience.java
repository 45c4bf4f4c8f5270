package dev.montazz.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.montazz.contract.live.LiveAudience;

/**
 * Who watches each montage on the other instances serving live: an ingest instance counts the studios watching on it,
 * a portal instance the watch pages, and each announces its figure ({@link LiveAudience}) so that every page shows
 * everyone. A figure not renewed within {@link #FRESH} (its instance went) stops counting.
 */
final class Audience {

    /** How often an instance with viewers renews its figures. */
    static final Duration RENEWAL = Duration.ofSeconds(10);
    static final Duration FRESH = Duration.ofSeconds(30);

    private final String instance = UUID.randomUUID().toString();
    private final Consumer<LiveAudience> announcer;
    private final Clock clock;
    private final Map<String, Map<String, LiveAudience>> elsewhere = new ConcurrentHashMap<>();

    Audience(Consumer<LiveAudience> announcer, Clock clock) {
        this.announcer = announcer;
        this.clock = clock;
    }

    /** Tells the other instances how many watch the montage here. */
    void announce(String montageId, int here) {
        announcer.accept(new LiveAudience(montageId, instance, here, clock.instant()));
    }

    /** Another instance's figure; returns whether the montage's count elsewhere changed. Our own come back: ignored. */
    boolean heard(LiveAudience figure) {
        if (instance.equals(figure.instance()) || figure.montageId() == null || figure.instance() == null) {
            return false;
        }
        int before = elsewhere(figure.montageId());
        elsewhere.compute(figure.montageId(), (id, figures) -> {
            Map<String, LiveAudience> held = figures == null ? new ConcurrentHashMap<>() : figures;
            if (figure.viewers() > 0) {
                held.put(figure.instance(), figure);
            } else {
                held.remove(figure.instance());
            }
            return held.isEmpty() ? null : held;
        });
        return elsewhere(figure.montageId()) != before;
    }

    /** How many watch the montage on other instances, by their figures renewed lately. */
    int elsewhere(String montageId) {
        Map<String, LiveAudience> figures = elsewhere.get(montageId);
        if (figures == null) {
            return 0;
        }
        Instant oldest = clock.instant().minus(FRESH);
        return figures.values().stream().filter(f -> fresh(f, oldest)).mapToInt(LiveAudience::viewers).sum();
    }

    /** Lets go of figures not renewed in time; returns the montages whose count elsewhere changed. */
    Set<String> expire() {
        Instant oldest = clock.instant().minus(FRESH);
        Set<String> changed = new HashSet<>();
        elsewhere.forEach((montageId, figures) -> {
            if (figures.values().removeIf(f -> !fresh(f, oldest))) {
                changed.add(montageId);
            }
        });
        elsewhere.entrySet().removeIf(entry -> entry.getValue().isEmpty());
        return changed;
    }

    void forget(String montageId) {
        elsewhere.remove(montageId);
    }

    private static boolean fresh(LiveAudience figure, Instant oldest) {
        return figure.at() != null && figure.at().isAfter(oldest);
    }
}
