package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.montazz.contract.render.FilmLayout;
import dev.montazz.merge.take.Take;

/**
 * How a film lays its takes out, as a montage's layout and transition choose: cut one after another by packet copy,
 * dissolving into each other, or side by side in a grid. Each knows the work it plans, for a progress bar that moves
 * evenly, and how to lay the takes out into the film.
 */
sealed interface Arrangement permits Cut, Crossfade, Grid {

    /** Work units per second of film, against 1 per second of take normalised: measured shares of a render's time. */
    double JOIN_WORK = 0.04;
    double STORE_WORK = 0.03;

    static Arrangement of(FilmLayout layout) {
        return switch (layout) {
            case CUT -> new Cut();
            case CROSSFADE -> new Crossfade();
            case GRID -> new Grid();
        };
    }

    FilmLayout layout();

    /**
     * The work of laying out and storing the film, in the units its progress is told in.
     *
     * @param titleSeconds length of the title card
     * @param takeSeconds length of each take
     */
    double plannedWork(double titleSeconds, List<Double> takeSeconds);

    /** Writes the film of the usable takes; returns where each sits in it. Takes left out are added to {@code problems}. */
    List<Render.Shot> lay(LayoutTools tools, String title, List<Take> usable, Path film,
            RenderProgressEvents.Tracker tracker, List<String> problems) throws IOException;
}
