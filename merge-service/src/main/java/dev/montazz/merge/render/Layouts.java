package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import dev.montazz.contract.montage.MontageSettings;
import dev.montazz.contract.render.FilmLayout;
import dev.montazz.merge.MergeProperties;
import dev.montazz.merge.take.Take;
import org.springframework.stereotype.Component;

/**
 * Lays prepared takes out into a film as the owner chose: a title card, then the takes one after another (cut by
 * packet copy, or dissolving into each other) or side by side in a grid.
 */
@Component
class Layouts {

    /** Work units per second of film, against 1 per second of take normalised: measured shares of a render's time. */
    static final double JOIN_WORK = 0.04;
    static final double STORE_WORK = 0.03;
    private static final double CROSSFADE_SECONDS = 0.5;

    private final TitleCard titleCard;
    private final Concatenator concatenator;
    private final CrossfadeJoiner crossfader;
    private final GridRenderer gridRenderer;
    private final VideoStore videos;
    private final MergeProperties properties;

    Layouts(TitleCard titleCard, Concatenator concatenator, CrossfadeJoiner crossfader, GridRenderer gridRenderer,
            VideoStore videos, MergeProperties properties) {
        this.titleCard = titleCard;
        this.concatenator = concatenator;
        this.crossfader = crossfader;
        this.gridRenderer = gridRenderer;
        this.videos = videos;
        this.properties = properties;
    }

    /** Writes the film; returns where each take sits in it. Problems (takes left out) are added to {@code problems}. */
    List<Render.Shot> lay(MontageSettings chosen, List<Take> usable, Path dir, Path film,
            RenderProgressEvents.Tracker tracker, List<String> problems) throws IOException {
        FilmLayout layout = FilmLayout.of(chosen.layout(), chosen.transition());
        return layout == FilmLayout.GRID ? grid(chosen.title(), usable, dir, film, tracker, problems)
                : join(chosen.title(), usable, dir, film, tracker, layout == FilmLayout.CROSSFADE);
    }

    /** Title card and takes joined by packet copy; returns where each take sits in the film. */
    private List<Render.Shot> join(String title, List<Take> usable, Path dir, Path film,
            RenderProgressEvents.Tracker tracker, boolean crossfade) throws IOException {
        List<Path> parts = new ArrayList<>();
        boolean withTitle = properties.film().titleSeconds() > 0;
        if (withTitle) {
            parts.add(dir.resolve("title.mp4"));
            titleCard.write(title, contributors(usable), parts.get(0));
        }
        for (Take take : usable) {
            Path part = dir.resolve("part-" + take.fileName() + ".mp4");
            videos.downloadTake(take.normalisedId(), part);
            parts.add(part);
        }
        double before = tracker.done();
        tracker.stage(crossfade ? "Dissolving the shots into each other" : "Putting the film together", before);
        // A crossfade re-encodes the whole film; a cut only copies packets.
        List<Concatenator.Placement> placements = crossfade
                ? crossfader.join(parts, film, CROSSFADE_SECONDS, s -> tracker.report(before + s))
                : concatenator.join(parts, film, s -> tracker.report(before + s * JOIN_WORK));
        List<Render.Shot> shots = new ArrayList<>();
        for (int i = 0; i < usable.size(); i++) {
            Take take = usable.get(i);
            Concatenator.Placement placement = placements.get(withTitle ? i + 1 : i);
            shots.add(new Render.Shot(take.id(), take.contributor(), placement.offsetSeconds(),
                    placement.durationSeconds(), take.thumbnailId()));
        }
        return shots;
    }

    /** Up to nine takes side by side after the title card; returns where each take sits in the film. */
    private List<Render.Shot> grid(String title, List<Take> usable, Path dir, Path film,
            RenderProgressEvents.Tracker tracker, List<String> problems) throws IOException {
        List<Take> shown = usable.subList(0, Math.min(usable.size(), GridRenderer.MAX_TAKES));
        if (usable.size() > shown.size()) {
            problems.add("A grid shows " + GridRenderer.MAX_TAKES + " takes at most; the last "
                    + (usable.size() - shown.size()) + " were left out");
        }
        List<Path> cells = new ArrayList<>();
        for (Take take : shown) {
            Path part = dir.resolve("part-" + take.fileName() + ".mp4");
            videos.downloadTake(take.normalisedId(), part);
            cells.add(part);
        }
        double before = tracker.done();
        tracker.stage("Laying the takes out side by side", before);
        Path gridded = dir.resolve("grid.mp4");
        gridRenderer.render(cells, gridded, s -> tracker.report(before + s));
        List<Path> parts = new ArrayList<>();
        boolean withTitle = properties.film().titleSeconds() > 0;
        if (withTitle) {
            parts.add(dir.resolve("title.mp4"));
            titleCard.write(title, contributors(shown), parts.get(0));
        }
        parts.add(gridded);
        double afterGrid = tracker.done();
        List<Concatenator.Placement> placements = concatenator.join(parts, film,
                s -> tracker.report(afterGrid + s * JOIN_WORK));
        double start = placements.get(parts.size() - 1).offsetSeconds();
        return shown.stream().map(take -> new Render.Shot(take.id(), take.contributor(), start, take.seconds(),
                take.thumbnailId())).toList();
    }

    private static List<String> contributors(List<Take> takes) {
        return new ArrayList<>(new LinkedHashSet<>(takes.stream().map(Take::contributor).toList()));
    }

    /** The work a render will do, in the units its progress is told in. */
    double plannedWork(List<Take> finished, FilmLayout layout) {
        double work = 0;
        double film = properties.film().titleSeconds();
        double longest = 0;
        for (Take take : finished) {
            double seconds = TakePreparation.estimatedSeconds(take);
            work += take.needsNormalising() ? seconds : 0;
            film += seconds;
            longest = Math.max(longest, seconds);
        }
        if (layout == FilmLayout.GRID) {
            // Every second of a grid is encoded once more, after its cells are decoded.
            return work + longest + (properties.film().titleSeconds() + longest) * (JOIN_WORK + STORE_WORK);
        }
        if (layout == FilmLayout.CROSSFADE) {
            // A crossfade encodes the whole film once more.
            return work + film * (1 + STORE_WORK);
        }
        return work + film * (JOIN_WORK + STORE_WORK);
    }

}
