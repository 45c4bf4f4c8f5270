package dev.montazz.portal.edit;

import java.util.List;

/**
 * The owner's view of the film's cut: the shots in the film in order, those left out, and whether an edit can be undone.
 */
public record Cut(List<Shot> inFilm, List<Shot> leftOut, boolean canUndo, MusicBed music) {

    public Cut(List<Shot> inFilm, List<Shot> leftOut, boolean canUndo) {
        this(inFilm, leftOut, canUndo, null);
    }

    public boolean noShots() {
        return inFilm.isEmpty() && leftOut.isEmpty();
    }
}
