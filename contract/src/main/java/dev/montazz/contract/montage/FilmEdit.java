package dev.montazz.contract.montage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The owner's cut of a montage: the order of its shots and the shots left out of the film, kept by the portal in the
 * montage (field {@code edit}) and read by merge-service when it renders. Shots are named by take id. One rule places
 * them for both services: the takes the edit names come first, in its order; takes it does not name (recorded after the
 * edit) follow in the order they were recorded, so a new take joins the end of the film. Names of takes that are gone
 * are ignored.
 *
 * @param order take ids in the order the owner chose
 * @param dropped take ids left out of the film (kept, and can be put back)
 * @param trims the part of a take the film shows, for takes the owner trimmed
 */
public record FilmEdit(List<String> order, List<String> dropped, List<Trim> trims) {

    /** A montage nobody edited: shots in the order they were recorded, none left out, none trimmed. */
    public static final FilmEdit NONE = new FilmEdit(List.of(), List.of(), List.of());

    /** The shortest part of a take a trim may keep, in seconds. */
    public static final double SHORTEST_TRIM = 0.5;

    /**
     * The part of a take the film shows: from {@code startSeconds} to {@code endSeconds} of the take as recorded.
     */
    public record Trim(String takeId, double startSeconds, double endSeconds) {

        public double seconds() {
            return endSeconds - startSeconds;
        }
    }

    public FilmEdit {
        order = order == null ? List.of() : List.copyOf(order);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        trims = trims == null ? List.of() : List.copyOf(trims);
    }

    public FilmEdit(List<String> order, List<String> dropped) {
        this(order, dropped, List.of());
    }

    /** This cut with the take trimmed so (replacing its trim, if it had one). */
    public FilmEdit withTrim(Trim trim) {
        List<Trim> next = new ArrayList<>(withoutTrim(trim.takeId()).trims());
        next.add(trim);
        return new FilmEdit(order, dropped, next);
    }

    /** This cut with the take whole again. */
    public FilmEdit withoutTrim(String takeId) {
        return new FilmEdit(order, dropped, trims.stream().filter(trim -> !trim.takeId().equals(takeId)).toList());
    }

    /** The owner's trim of this take, if any. */
    public java.util.Optional<Trim> trimOf(String takeId) {
        return trims.stream().filter(trim -> trim.takeId().equals(takeId)).findFirst();
    }

    /** All the takes, those left out too, in the film's order; {@code recorded} is in the order they were recorded. */
    public <T> List<T> arrange(List<T> recorded, Function<T, String> takeId) {
        Map<String, T> byId = new LinkedHashMap<>();
        recorded.forEach(take -> byId.put(takeId.apply(take), take));
        List<T> arranged = new ArrayList<>(recorded.size());
        for (String id : order) {
            T take = byId.remove(id);
            if (take != null) {
                arranged.add(take);
            }
        }
        arranged.addAll(byId.values());
        return arranged;
    }

    /** The takes in the film, in its order. */
    public <T> List<T> film(List<T> recorded, Function<T, String> takeId) {
        Set<String> out = new HashSet<>(dropped);
        return arrange(recorded, takeId).stream().filter(take -> !out.contains(takeId.apply(take))).toList();
    }

    public boolean isDropped(String takeId) {
        return dropped.contains(takeId);
    }
}
