package dev.montazz.contract.montage;

/**
 * What a film depends on, read by merge-service from the portal's {@code montages} collection ({@code _id} is the
 * montage id).
 *
 * @param layout {@code null} in montages made before owners could choose: {@link Layout#SEQUENCE}
 * @param transition {@code null} likewise: {@link Transition#CUT}
 * @param edit the owner's order of the shots and those left out; {@code null} until the owner edits:
 *        {@link FilmEdit#NONE}
 * @param framing {@code null} in montages made before owners could choose: {@link Framing#BARS}
 */
public record MontageSettings(String id, String title, Layout layout, Transition transition, FilmEdit edit,
        Framing framing) {

    /** The fields to read, so a reader fetches nothing else. */
    public static final String[] FIELDS = {"title", "layout", "transition", "edit", "framing"};

    @Override
    public Framing framing() {
        return framing == null ? Framing.BARS : framing;
    }

    @Override
    public FilmEdit edit() {
        return edit == null ? FilmEdit.NONE : edit;
    }

    @Override
    public Layout layout() {
        return layout == null ? Layout.SEQUENCE : layout;
    }

    @Override
    public Transition transition() {
        return transition == null ? Transition.CUT : transition;
    }
}
