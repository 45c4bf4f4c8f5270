package dev.montazz.portal.edit;

/**
 * A shot as the editor shows it to the owner.
 *
 * @param id the shot's name in the editor (see {@link ShotIds})
 * @param seconds its length once normalised; {@code null} while it is being prepared
 * @param inFilm false when the owner left it out
 * @param still whether there is a still to show
 * @param trimStart where the film's part of the shot begins, when the owner trimmed it; {@code null} otherwise
 * @param trimEnd likewise, where it ends
 * @param retakeAsked whether the owner asked its contributor to record it again (and they have not yet)
 */
public record Shot(String id, String contributor, Double seconds, boolean inFilm, boolean still, Double trimStart,
        Double trimEnd, boolean retakeAsked) {

    public boolean trimmed() {
        return trimStart != null;
    }

    /** How long the shot plays in the film; {@code null} while it is being prepared. */
    @com.fasterxml.jackson.annotation.JsonProperty("shownSeconds")
    public Double shownSeconds() {
        return trimmed() ? trimEnd - trimStart : seconds;
    }
}
