package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.montazz.contract.render.FilmLayout;
import dev.montazz.merge.media.Concatenator;
import dev.montazz.merge.take.Take;

/** Title card and takes one after another, each dissolving into the next: the whole film is encoded once more. */
record Crossfade() implements Arrangement {

    private static final double FADE_SECONDS = 0.5;

    @Override
    public FilmLayout layout() {
        return FilmLayout.CROSSFADE;
    }

    @Override
    public double plannedWork(double titleSeconds, List<Double> takeSeconds) {
        double film = titleSeconds + takeSeconds.stream().mapToDouble(Double::doubleValue).sum();
        return film * (1 + STORE_WORK);
    }

    @Override
    public List<Render.Shot> lay(LayoutTools tools, String title, List<Take> usable, Path film,
            RenderProgressEvents.Tracker tracker, List<String> problems) throws IOException {
        LayoutTools.Parts parts = tools.titleAndTakes(title, usable, film.getParent());
        double before = tracker.done();
        tracker.stage("Dissolving the shots into each other", before);
        List<Concatenator.Placement> placements = tools.crossfader().join(parts.files(), parts.chapters(usable), film, FADE_SECONDS,
                s -> tracker.report(before + s));
        return parts.shots(usable, placements);
    }
}
