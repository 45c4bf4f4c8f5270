package dev.montazz.portal.edit;

/**
 * A shot as the editor shows it to the owner.
 *
 * @param id the shot's name in the editor (see {@link ShotIds})
 * @param seconds its length once normalised; {@code null} while it is being prepared
 * @param inFilm false when the owner left it out
 * @param still whether there is a still to show
 */
public record Shot(String id, String contributor, Double seconds, boolean inFilm, boolean still) {
}
