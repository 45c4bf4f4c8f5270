package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.montazz.contract.render.FilmLayout;
import dev.montazz.merge.media.Concatenator;
import dev.montazz.merge.media.GridRenderer;
import dev.montazz.merge.take.Take;

/** Up to nine takes side by side after the title card; every take starts when the grid does. */
record Grid() implements Arrangement {

    @Override
    public FilmLayout layout() {
        return FilmLayout.GRID;
    }

    /** Every second of a grid is encoded once more, after its cells are decoded; it lasts as long as its longest take. */
    @Override
    public double plannedWork(double titleSeconds, List<Double> takeSeconds) {
        double longest = takeSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return longest + (titleSeconds + longest) * (JOIN_WORK + STORE_WORK);
    }

    @Override
    public List<Render.Shot> lay(LayoutTools tools, String title, List<Take> usable, Path film,
            RenderProgressEvents.Tracker tracker, List<String> problems) throws IOException {
        List<Take> shown = usable.subList(0, Math.min(usable.size(), GridRenderer.MAX_TAKES));
        if (usable.size() > shown.size()) {
            problems.add("A grid shows " + GridRenderer.MAX_TAKES + " takes at most; the last "
                    + (usable.size() - shown.size()) + " were left out");
        }
        List<Path> cells = tools.takes(shown, film.getParent());
        double before = tracker.done();
        tracker.stage("Laying the takes out side by side", before);
        Path gridded = film.resolveSibling("grid.mp4");
        tools.gridRenderer().render(cells, gridded, s -> tracker.report(before + s));
        List<Path> parts = new ArrayList<>();
        tools.titleCard(title, shown, film.getParent()).ifPresent(parts::add);
        parts.add(gridded);
        double afterGrid = tracker.done();
        List<Concatenator.Placement> placements = tools.concatenator().join(parts, film,
                s -> tracker.report(afterGrid + s * JOIN_WORK));
        double start = placements.get(parts.size() - 1).offsetSeconds();
        return shown.stream().map(take -> Render.Shot.of(take, start, take.seconds())).toList();
    }
}
