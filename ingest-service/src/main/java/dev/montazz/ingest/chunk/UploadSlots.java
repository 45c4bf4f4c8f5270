package dev.montazz.ingest.chunk;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.montazz.ingest.IngestProperties;
import org.springframework.stereotype.Component;

/**
 * How many chunks one person is sending at once. The studio sends one and waits for its answer; a re-send while the
 * first is stuck makes two. More than the limit is someone holding connections open, and is refused at once (429).
 */
@Component
class UploadSlots {

    private final Map<String, Integer> inUse = new ConcurrentHashMap<>();
    private final int perPerson;

    UploadSlots(IngestProperties properties) {
        this.perPerson = properties.maxUploadsPerPerson();
    }

    /** Takes a slot for this person until the returned slot is closed. */
    Slot take(String username) {
        boolean[] granted = {false};
        inUse.compute(username, (who, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perPerson) {
                return now;
            }
            granted[0] = true;
            return now + 1;
        });
        if (!granted[0]) {
            throw new TooManyUploads(perPerson);
        }
        return () -> inUse.computeIfPresent(username, (who, count) -> count <= 1 ? null : count - 1);
    }

    /** Slots in use by everyone (empty entries are removed, so this never grows with people who left). */
    int people() {
        return inUse.size();
    }

    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
