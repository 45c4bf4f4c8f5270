package dev.montazz.portal.edit;

import dev.montazz.contract.montage.FilmEdit;
import dev.montazz.contract.music.MusicView;

/**
 * The montage's music bed as the owner's editor shows it.
 *
 * @param name the file's name as uploaded
 * @param seconds how long it plays
 * @param levelDb how loud it plays against the voices, in dB
 * @param playing whether it is under the film (the owner did not take it out)
 */
public record MusicBed(String name, double seconds, double levelDb, boolean playing) {

    public static final double QUIETEST = FilmEdit.Music.QUIETEST;
    public static final double LOUDEST = FilmEdit.Music.LOUDEST;

    static MusicBed of(MusicView music, FilmEdit.Music mix) {
        return new MusicBed(music.name(), music.seconds(), mix.levelDb(), mix.plays(music.musicId()));
    }

    /** The quietest level the owner may choose (for the page's slider). */
    public double quietest() {
        return QUIETEST;
    }

    public double loudest() {
        return LOUDEST;
    }

    /** The length as a person reads it: 2:31. */
    public String length() {
        long whole = Math.round(seconds);
        return whole / 60 + ":" + String.format("%02d", whole % 60);
    }

    /** The level in words beside the number. */
    public String levelWords() {
        return levelDb >= -8 ? "loud" : levelDb >= -16 ? "under the voices" : levelDb >= -24 ? "quiet" : "very quiet";
    }
}
