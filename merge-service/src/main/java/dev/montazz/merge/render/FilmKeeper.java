package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.files.MediaCache;
import dev.montazz.merge.files.MediaFiles;
import dev.montazz.merge.media.FilmFacts;
import dev.montazz.merge.media.Thumbnail;
import dev.montazz.merge.montage.MontagePurge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last step of a render: the film and a still stored in GridFS, then named in the montage's render (never the
 * other way round, so a crash leaves no render naming half a film), then what they replace deleted. Also withdraws the
 * film of a montage left without takes.
 */
@Component
class FilmKeeper {

    private static final Logger log = LoggerFactory.getLogger(FilmKeeper.class);
    /** The still is taken a second into the first shot, past the caption's fade-in. */
    private static final double STILL_AFTER_SECONDS = 1.0;

    private final MediaFiles files;
    private final MediaCache cache;
    private final Renders renders;
    private final MontagePurge purge;

    FilmKeeper(MediaFiles files, MediaCache cache, Renders renders, MontagePurge purge) {
        this.files = files;
        this.cache = cache;
        this.renders = renders;
        this.purge = purge;
    }

    /** Stores the film made for the plan; returns its facts. */
    FilmFacts keep(RenderPlan plan, Path film, List<Render.Shot> shots, List<String> problems, Instant started)
            throws IOException {
        String montageId = plan.montageId();
        String title = plan.settings().title();
        long since = System.nanoTime();
        CompletableFuture<byte[]> still = Thumbnail.meanwhile(film, shots.get(0).offsetSeconds() + STILL_AFTER_SECONDS);
        FilmFacts facts = FilmFacts.of(film);
        String videoId = files.uploadFilm(film, montageId, title + ".mp4");
        long uploaded = System.nanoTime();
        String thumbnailId = files.uploadThumbnail(Thumbnail.made(still), montageId);
        log.info("Film of montage {} stored in {} ms, its still {} ms after", montageId, (uploaded - since) / 1_000_000,
                (System.nanoTime() - uploaded) / 1_000_000);
        Instant now = Instant.now();
        Render previous = renders.ready(new Render(montageId, title, RenderStatus.READY, plan.arrangement().layout(),
                new Render.Film(videoId, thumbnailId, facts, shots, problems, plan.score()), null,
                new Render.Timing(plan.requestedAt(), now, Duration.between(started, now).toMillis())));
        if (!purge.exists(montageId)) {
            // Deleted while this render ran, perhaps after its files were purged: purge what it added.
            purge.purge(montageId);
            return facts;
        }
        if (previous != null && !videoId.equals(previous.videoId())) {
            files.deleteFilm(previous.videoId());
        }
        if (previous != null) {
            files.deleteThumbnail(previous.thumbnailId());
        }
        return facts;
    }

    /** A montage without takes (any more: a contributor's account was deleted) must not keep a film of them. */
    void withdraw(String montageId) {
        // Its title card named people who are no longer in it.
        cache.forgetMontage(montageId);
        Render withdrawn = renders.withdraw(montageId);
        if (withdrawn == null) {
            log.info("Montage {} has no finished takes yet; nothing to render", montageId);
            return;
        }
        files.deleteFilm(withdrawn.videoId());
        files.deleteThumbnail(withdrawn.thumbnailId());
        log.info("Montage {} has no takes left; its film was withdrawn", montageId);
    }
}
