package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.montazz.contract.render.FilmLayout;
import dev.montazz.merge.media.Concatenator;
import dev.montazz.merge.media.FilmFacts;
import dev.montazz.merge.media.FilmSplice;
import dev.montazz.merge.take.Take;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Title card and takes one after another, joined by packet copy or, stored in pieces, spliced: nothing is encoded
 * again.
 */
record Cut() implements Arrangement {

    private static final Logger log = LoggerFactory.getLogger(Cut.class);

    @Override
    public FilmLayout layout() {
        return FilmLayout.CUT;
    }

    @Override
    public double plannedWork(double titleSeconds, List<Double> takeSeconds) {
        double film = titleSeconds + takeSeconds.stream().mapToDouble(Double::doubleValue).sum();
        return film * (JOIN_WORK + STORE_WORK);
    }

    @Override
    public List<Render.Shot> lay(LayoutTools tools, String title, List<Take> usable, Path film,
            RenderProgressEvents.Tracker tracker, List<String> problems) throws IOException {
        LayoutTools.Parts parts = tools.titleAndTakes(title, usable, film.getParent());
        double before = tracker.done();
        tracker.stage("Putting the film together", before);
        List<Concatenator.Placement> placements = tools.concatenator().join(parts.files(), parts.chapters(usable), film,
                s -> tracker.report(before + s * JOIN_WORK));
        return parts.shots(usable, placements);
    }

    /**
     * The film as a head naming the takes' stored media, nothing of them copied; empty (and logged) when the parts
     * cannot be spliced, and the film is then joined by {@link #lay} as before.
     */
    Optional<Laid> splice(LayoutTools tools, String title, List<Take> usable, Path dir,
            RenderProgressEvents.Tracker tracker) throws IOException {
        LayoutTools.Parts parts = tools.titleAndTakes(title, usable, dir);
        tracker.stage("Putting the film together", tracker.done());
        List<FilmSplice.Part> splice = new ArrayList<>();
        List<String> partFiles = new ArrayList<>();
        for (int i = 0; i < parts.files().size(); i++) {
            boolean card = parts.withTitle() && i == 0;
            splice.add(new FilmSplice.Part(parts.files().get(i), card));
            partFiles.add(card ? null : usable.get(parts.withTitle() ? i - 1 : i).normalisedId());
        }
        Path head = dir.resolve("head.mp4");
        FilmSplice.Spliced spliced;
        try {
            spliced = tools.splicer().splice(splice, parts.chapters(usable), head);
        } catch (IOException notSpliceable) {
            log.info("Montage {} joined by packet copy: {}", usable.get(0).montageId(), notSpliceable.getMessage());
            return Optional.empty();
        }
        Path firstShot = parts.files().get(parts.withTitle() ? 1 : 0);
        FilmFacts shot = FilmFacts.of(firstShot);
        FilmFacts facts = new FilmFacts(spliced.durationSeconds(), shot.width(), shot.height(), shot.videoCodec(),
                shot.audioCodec(), spliced.sizeBytes());
        List<Render.Shot> shots = parts.shots(usable, spliced.placements());
        String firstStill = shots.get(0).trimStart() == null ? usable.get(0).thumbnailId() : null;
        return Optional.of(new Laid(new SplicedFilm(head, spliced, partFiles, firstShot, firstStill, facts), shots));
    }

    /** A spliced film and where each take sits in it. */
    record Laid(SplicedFilm film, List<Render.Shot> shots) {
    }
}
