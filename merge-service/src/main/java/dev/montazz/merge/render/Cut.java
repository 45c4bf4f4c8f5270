package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.montazz.contract.render.FilmLayout;
import dev.montazz.merge.media.Concatenator;
import dev.montazz.merge.take.Take;

/** Title card and takes one after another, joined by packet copy: nothing is encoded again. */
record Cut() implements Arrangement {

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
}
