package dev.montazz.live;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.montazz.contract.chunk.Container;

/** A montage as its live viewers see it: the take on air now, if any, and who is watching. */
final class LiveMontage {

    private final Set<Viewer> viewers = ConcurrentHashMap.newKeySet();
    private LiveTake current;
    /** How many watch on the other instances serving live. */
    private volatile int elsewhere;

    /** A chunk stored for the montage: a new take begins with sequence 0; re-sent and stray chunks are not news. */
    synchronized void chunk(String takeId, String contributor, Container container, int sequence, byte[] data,
            long capturedAt, boolean last) {
        if (sequence == 0 && container != null) {
            current = LiveTake.begin(takeId, contributor, container, data, capturedAt);
            broadcast(current.beginning());
        } else if (current != null && current.takeId().equals(takeId) && current.isNext(sequence)) {
            broadcast(List.of(current.next(data, capturedAt)));
        } else {
            return;
        }
        if (last) {
            ended(takeId);
        }
    }

    /** The take ended (its last chunk, or an end marker after its contributor lost the floor). */
    synchronized void ended(String takeId) {
        if (current != null && current.takeId().equals(takeId)) {
            broadcast(List.of(current.ended()));
            current = null;
        }
    }

    /** The take on air, if its key starts so (a contributor's takes: their account is being deleted), ends. */
    synchronized void endTakesOf(String keyPrefix) {
        if (current != null && current.takeId().startsWith(keyPrefix)) {
            ended(current.takeId());
        }
    }

    /** What a viewer arriving now is sent first; nothing when nobody is on air. */
    synchronized List<LiveEvent> now() {
        return current == null ? List.of() : current.forNewViewer();
    }

    void join(Viewer viewer) {
        viewers.add(viewer);
        broadcast(List.of(viewerCount()));
    }

    void leave(Viewer viewer) {
        viewers.remove(viewer);
        viewer.close();
        broadcast(List.of(viewerCount()));
    }

    int watching() {
        return viewers.size();
    }

    /** Nothing on air and nobody watching: nothing to keep. */
    synchronized boolean idle() {
        return current == null && viewers.isEmpty();
    }

    /** Ends every stream: the montage is gone. */
    void close() {
        viewers.forEach(Viewer::end);
        viewers.clear();
    }

    /** The count on the other instances changed: everyone watching here is told the new total. */
    void elsewhere(int count) {
        if (count != elsewhere) {
            elsewhere = count;
            broadcast(List.of(viewerCount()));
        }
    }

    LiveEvent viewerCount() {
        return new LiveEvent("viewers", new LiveEvent.Viewers(viewers.size() + elsewhere), 32);
    }

    private void broadcast(List<LiveEvent> events) {
        for (Viewer viewer : viewers) {
            viewer.offer(events);
        }
    }
}
