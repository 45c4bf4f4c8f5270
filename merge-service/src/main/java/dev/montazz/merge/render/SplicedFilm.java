package dev.montazz.merge.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.render.FilmPiece;
import dev.montazz.merge.media.FilmFacts;
import dev.montazz.merge.media.FilmSplice;

/**
 * A film laid out as a head to store and the stored takes' own media.
 *
 * @param head the file to store: the film's index, with the media of parts stored nowhere else (the title card)
 * @param partFiles the GridFS id (bucket {@code normalised}) of each part's file; null for a part in the head
 * @param firstShot the first take's file, for the film's still
 * @param firstStill the still the first take has of the same moment (a second in), when its whole take is the shot;
 *     null otherwise
 */
record SplicedFilm(Path head, FilmSplice.Spliced spliced, List<String> partFiles, Path firstShot, String firstStill,
        FilmFacts facts) {

    /** The film's bytes once its head is stored as {@code headId}. */
    List<FilmPiece> pieces(String headId) {
        List<FilmPiece> pieces = new ArrayList<>();
        for (FilmSplice.Piece piece : spliced.pieces()) {
            pieces.add(piece.part() < 0 ? new FilmPiece(GridFsBuckets.VIDEOS, headId, piece.offset(), piece.length())
                    : new FilmPiece(GridFsBuckets.NORMALISED, partFiles.get(piece.part()), piece.offset(),
                            piece.length()));
        }
        return pieces;
    }
}
