package dev.montazz.merge.render;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.montazz.merge.files.MediaCache;
import dev.montazz.merge.files.MediaFiles;
import dev.montazz.merge.montage.MontagePurge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Clears this instance's copies on disk of what is gone everywhere. A deletion is carried out by one merge instance
 * (the one its event reaches), which forgets its own copies at once; every other instance finds out here: a take
 * GridFS no longer holds, a montage that is gone, a title card its montage's film no longer shows (it may name someone
 * who left). So within one sweep nothing of a deleted montage or account stays on any instance's disk.
 */
@Component
class DiskCopiesSweeper {

    private static final Logger log = LoggerFactory.getLogger(DiskCopiesSweeper.class);
    /** A title card this young may belong to a render still running, which has no film yet to compare with. */
    static final Duration TITLE_CARD_GRACE = Duration.ofMinutes(10);

    private final MediaCache cache;
    private final MediaFiles files;
    private final MontagePurge montages;
    private final Renders renders;
    private final Clock clock;

    DiskCopiesSweeper(MediaCache cache, MediaFiles files, MontagePurge montages, Renders renders, Clock clock) {
        this.cache = cache;
        this.files = files;
        this.montages = montages;
        this.renders = renders;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 1, timeUnit = TimeUnit.MINUTES,
            fixedDelayString = "${montazz.merge.media-cache.sweep-interval}")
    void sweepNow() {
        try {
            int removed = sweep();
            if (removed > 0) {
                log.info("Removed {} copies on disk of what was deleted or replaced", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Could not sweep the copies on disk this time: {}", e.getMessage());
        }
    }

    /** @return how many copies were removed */
    int sweep() {
        int removed = 0;
        Instant youngest = clock.instant().minus(TITLE_CARD_GRACE);
        for (MediaCache.Entry entry : cache.entries()) {
            boolean gone = !montages.exists(entry.montageId()) || (entry.key().startsWith(LayoutTools.TITLE_CARD)
                    ? entry.lastUsed().isBefore(youngest) && !shownNow(entry)
                    : !files.takeExists(entry.key()));
            if (gone) {
                cache.forget(entry);
                removed++;
            }
        }
        return removed;
    }

    /** Whether the montage's film was made after this card was last used, and so by another card (or none). */
    private boolean shownNow(MediaCache.Entry card) {
        Render render = renders.find(card.montageId());
        if (render == null || render.timing() == null || render.timing().renderedAt() == null) {
            return false;
        }
        Render.Timing timing = render.timing();
        long took = timing.renderMillis() == null ? 0 : timing.renderMillis();
        Instant started = timing.renderedAt().minusMillis(took);
        return !card.lastUsed().isBefore(started);
    }
}
