package dev.montazz.contract.montage;

/**
 * What a film depends on, read by merge-service from the portal's {@code montages} collection ({@code _id} is the
 * montage id).
 *
 * @param layout {@code null} in montages made before owners could choose: {@link Layout#SEQUENCE}
 * @param transition {@code null} likewise: {@link Transition#CUT}
 */
public record MontageSettings(String id, String title, Layout layout, Transition transition) {

    /** The fields to read, so a reader fetches nothing else. */
    public static final String[] FIELDS = {"title", "layout", "transition"};

    @Override
    public Layout layout() {
        return layout == null ? Layout.SEQUENCE : layout;
    }

    @Override
    public Transition transition() {
        return transition == null ? Transition.CUT : transition;
    }
}
