package dev.montazz.ingest.floor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chunks this instance is publishing right now, by turn: while one waits for merge-service, its holder is not silent.
 * Entries live only as long as their request, so this holds at most the requests in flight.
 */
public final class InFlightChunks {

    /** A holder's turn with a chunk on its way, and since when this instance last vouched for it. */
    record Turn(String montageId, String username, long fence) {
    }

    private final Map<Turn, Instant> waiting = new ConcurrentHashMap<>();
    private final Map<Turn, Integer> counts = new ConcurrentHashMap<>();

    Handle add(String montageId, String username, long fence) {
        Turn turn = new Turn(montageId, username, fence);
        counts.merge(turn, 1, Integer::sum);
        waiting.putIfAbsent(turn, Instant.now());
        return () -> {
            if (counts.merge(turn, -1, Integer::sum) <= 0) {
                counts.remove(turn);
                waiting.remove(turn);
            }
        };
    }

    /** Turns whose chunk has waited longer than {@code age}; each is then vouched for from {@code now} again. */
    List<Turn> waitingLongerThan(Duration age, Instant now) {
        List<Turn> due = new ArrayList<>();
        waiting.forEach((turn, since) -> {
            if (since.plus(age).isBefore(now)) {
                due.add(turn);
            }
        });
        due.forEach(turn -> waiting.replace(turn, now));
        return due;
    }

    /** Closed when the chunk's request ends, however it ends. */
    public interface Handle extends AutoCloseable {
        @Override
        void close();
    }
}
