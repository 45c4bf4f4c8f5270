package dev.montazz.ingest.chunk;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.montazz.ingest.floor.Floor;
import dev.montazz.ingest.floor.FloorService;
import dev.montazz.ingest.floor.TakesCutOff;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ends takes that lost the floor before their last chunk (closed tab, lost network): an empty chunk marked last tells
 * merge-service the take stops before its {@code sequence}, so everything acknowledged so far goes into the montage.
 * <p>
 * Off the thread that cut the take off: a marker waits for merge-service's receipt (up to the receipt timeout), which
 * must not hold up the request that passed the turn on, nor the sweeper. A marker that fails is sent again when the
 * sweeper next finds the take still pending; merge ends a take idempotently, so a marker sent twice is harmless.
 */
@Component
class TakeEnds {

    private static final Logger log = LoggerFactory.getLogger(TakeEnds.class);
    /** Cut-off takes are rare (a few per turn at most); more than this waiting means merge is away, and they wait. */
    private static final int QUEUED = 1000;

    private final ChunkPublisher publisher;
    private final FloorService floors;
    private final Set<String> underWay = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUED), runnable -> new Thread(runnable, "take-ends"));

    TakeEnds(ChunkPublisher publisher, FloorService floors) {
        this.publisher = publisher;
        this.floors = floors;
    }

    @EventListener
    void onCutOff(TakesCutOff cutOff) {
        for (Floor.OpenTake take : cutOff.takes()) {
            if (!underWay.add(take.takeId())) {
                continue;
            }
            try {
                sender.execute(() -> end(cutOff.montageId(), take));
            } catch (RejectedExecutionException full) {
                underWay.remove(take.takeId());
            }
        }
    }

    private void end(String montageId, Floor.OpenTake take) {
        try {
            publisher.publish(Chunk.ofTake(montageId, take.takeId(), take.sequence(), true, take.username(),
                    take.displayName(), Instant.now(), null, new byte[0]));
            floors.takeEnded(montageId, take);
        } catch (RuntimeException e) {
            log.warn("Take {} could not be ended yet ({}); the sweeper tries again", take.takeId(), e.getMessage());
        } finally {
            underWay.remove(take.takeId());
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }
}
