package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.render.FilmPiece;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.files.MediaCache;
import dev.montazz.merge.files.MediaFiles;
import dev.montazz.merge.media.FilmFacts;
import dev.montazz.merge.media.Thumbnail;
import dev.montazz.merge.montage.MontagePurge;
import dev.montazz.merge.take.Take;
import dev.montazz.merge.take.TakeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last step of a render: the film (or the head of a film in pieces) and a still stored in GridFS, then named in
 * the montage's render (never the other way round, so a crash leaves no render naming half a film), then what they
 * replace deleted: of the takes' copies a film in pieces named, only those no take uses any more. Also withdraws the
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
    private final TakeRegistry takes;

    FilmKeeper(MediaFiles files, MediaCache cache, Renders renders, MontagePurge purge, TakeRegistry takes) {
        this.takes = takes;
        this.files = files;
        this.cache = cache;
        this.renders = renders;
        this.purge = purge;
    }

    /** Stores the film made for the plan, one whole file; returns its facts. */
    FilmFacts keep(RenderPlan plan, Path film, List<Render.Shot> shots, List<String> problems, Instant started)
            throws IOException {
        CompletableFuture<byte[]> still = Thumbnail.meanwhile(film, shots.get(0).offsetSeconds() + STILL_AFTER_SECONDS);
        FilmFacts facts = FilmFacts.of(film);
        store(plan, film, head -> List.of(), still, facts, shots, problems, started);
        return facts;
    }

    /** Stores the head of a film in pieces: the takes it names are stored already. */
    FilmFacts keep(RenderPlan plan, SplicedFilm film, List<Render.Shot> shots, List<String> problems, Instant started)
            throws IOException {
        // The film's still is a second into its first shot: the still its take has of that moment, or made from it.
        CompletableFuture<byte[]> still = files.thumbnail(film.firstStill()).map(CompletableFuture::completedFuture)
                .orElseGet(() -> Thumbnail.meanwhile(film.firstShot(), STILL_AFTER_SECONDS));
        store(plan, film.head(), film::pieces, still, film.facts(), shots, problems, started);
        return film.facts();
    }

    private void store(RenderPlan plan, Path file, Function<String, List<FilmPiece>> pieces,
            CompletableFuture<byte[]> still, FilmFacts facts, List<Render.Shot> shots, List<String> problems,
            Instant started) throws IOException {
        String montageId = plan.montageId();
        String title = plan.settings().title();
        long since = System.nanoTime();
        String videoId = files.uploadFilm(file, montageId, title + ".mp4");
        long uploaded = System.nanoTime();
        String thumbnailId = files.uploadThumbnail(Thumbnail.made(still), montageId);
        log.info("Film of montage {} stored in {} ms ({} bytes), its still {} ms after", montageId,
                (uploaded - since) / 1_000_000, Files.size(file), (System.nanoTime() - uploaded) / 1_000_000);
        Instant now = Instant.now();
        List<FilmPiece> filmPieces = pieces.apply(videoId);
        Render previous = renders.ready(new Render(montageId, title, RenderStatus.READY, plan.arrangement().layout(),
                new Render.Film(videoId, thumbnailId, facts, shots, problems, plan.score(), filmPieces),
                null, new Render.Timing(plan.requestedAt(), now, Duration.between(started, now).toMillis())));
        if (!purge.exists(montageId)) {
            // Deleted while this render ran, perhaps after its files were purged: purge what it added.
            purge.purge(montageId);
            return;
        }
        if (previous != null && !videoId.equals(previous.videoId())) {
            files.deleteFilm(previous.videoId());
        }
        if (previous != null) {
            files.deleteThumbnail(previous.thumbnailId());
            release(montageId, previous, filmPieces);
        }
    }

    /**
     * Deletes the takes' copies the replaced film named that neither the new film nor any take uses any more: those a
     * re-made or re-trimmed take left while that film was still served ({@code MediaFiles.retireTake}).
     */
    private void release(String montageId, Render replaced, List<FilmPiece> current) {
        Set<String> left = new HashSet<>();
        for (FilmPiece piece : replaced.pieces()) {
            if (GridFsBuckets.NORMALISED.equals(piece.bucket())) {
                left.add(piece.fileId());
            }
        }
        current.forEach(piece -> left.remove(piece.fileId()));
        if (left.isEmpty()) {
            // A new take added to the film: every copy the film before named is in this one too.
            return;
        }
        for (Take take : takes.finishedTakes(montageId)) {
            left.remove(take.normalisedId());
            if (take.trimmed() != null) {
                left.remove(take.trimmed().trimmedId());
            }
        }
        for (String copy : left) {
            files.deleteTake(copy);
            log.info("Take copy {} of montage {} deleted: its last film was replaced", copy, montageId);
        }
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
