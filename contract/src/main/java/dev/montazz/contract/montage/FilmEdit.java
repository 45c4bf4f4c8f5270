package dev.montazz.contract.montage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The owner's cut of a montage: the order of its shots, the shots left out of the film, trims and retakes asked for,
 * kept by the portal in the montage (field {@code edit}) and read by merge-service when it renders. Shots are named by
 * take id. One rule places them for both services: the takes the edit names come first, in its order; takes it does
 * not name (recorded after the edit) follow in the order they were recorded, so a new take joins the end of the film;
 * but a contributor's first take after the owner asked them for a retake takes the place of the take asked about,
 * which is then out of the film (kept, like a take left out). Names of takes that are gone are ignored.
 *
 * @param order take ids in the order the owner chose
 * @param dropped take ids left out of the film (kept, and can be put back)
 * @param trims the part of a take the film shows, for takes the owner trimmed
 * @param retakes takes whose contributors the owner asked to record them again
 * @param music how the montage's music bed (if it has one) plays under the film; {@code null} in cuts made before
 *        music: {@link Music#DEFAULT}
 */
public record FilmEdit(List<String> order, List<String> dropped, List<Trim> trims, List<Retake> retakes,
        Music music) {

    /** A montage nobody edited: shots in the order they were recorded, none left out, none trimmed. */
    public static final FilmEdit NONE = new FilmEdit(List.of(), List.of(), List.of(), List.of(), Music.DEFAULT);

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

    /** The owner asked the contributor of a take to record it again: their next take replaces it where it is. */
    public record Retake(String takeId, String contributorId, Instant askedAt) {
    }

    /**
     * How the music bed plays: {@code levelDb} is its loudness against the voices' (which are at -16 LUFS), before it
     * is ducked while someone speaks. The bed is the montage's latest upload, unless the owner removed that one
     * ({@code removedId}): a new upload plays again, and undoing the removal brings the same bed back.
     */
    public record Music(double levelDb, String removedId) {

        public static final double QUIETEST = -30;
        public static final double LOUDEST = -3;
        public static final Music DEFAULT = new Music(-12, null);

        /** Whether a level is one the owner may choose. */
        public static boolean allowed(double levelDb) {
            return levelDb >= QUIETEST && levelDb <= LOUDEST;
        }

        /** Whether the bed with this id plays under the film. */
        public boolean plays(String musicId) {
            return musicId != null && !musicId.equals(removedId);
        }
    }

    /** What the placing rule reads of a take. */
    public interface Placeable {

        String id();

        /** The contributor's account name. */
        String contributorId();

        Instant startedAt();
    }

    public FilmEdit {
        order = order == null ? List.of() : List.copyOf(order);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        trims = trims == null ? List.of() : List.copyOf(trims);
        retakes = retakes == null ? List.of() : List.copyOf(retakes);
        music = music == null ? Music.DEFAULT : music;
    }

    public FilmEdit(List<String> order, List<String> dropped, List<Trim> trims, List<Retake> retakes) {
        this(order, dropped, trims, retakes, Music.DEFAULT);
    }

    public FilmEdit(List<String> order, List<String> dropped) {
        this(order, dropped, List.of(), List.of());
    }

    public FilmEdit(List<String> order, List<String> dropped, List<Trim> trims) {
        this(order, dropped, trims, List.of());
    }

    /** This cut with the music bed played at this level (the owner's removal of a bed stays). */
    public FilmEdit withMusicLevel(double levelDb) {
        return new FilmEdit(order, dropped, trims, retakes, new Music(levelDb, music.removedId()));
    }

    /** This cut without the music bed of this id; a bed uploaded later plays again. */
    public FilmEdit withoutMusic(String musicId) {
        return new FilmEdit(order, dropped, trims, retakes, new Music(music.levelDb(), musicId));
    }

    /** This cut with the take trimmed so (replacing its trim, if it had one). */
    public FilmEdit withTrim(Trim trim) {
        List<Trim> next = new ArrayList<>(withoutTrim(trim.takeId()).trims());
        next.add(trim);
        return new FilmEdit(order, dropped, next, retakes, music);
    }

    /** This cut with the take whole again. */
    public FilmEdit withoutTrim(String takeId) {
        return new FilmEdit(order, dropped, trims.stream().filter(trim -> !trim.takeId().equals(takeId)).toList(),
                retakes, music);
    }

    /** This cut with a retake of the take asked for (replacing an earlier request for it). */
    public FilmEdit withRetake(Retake retake) {
        List<Retake> next = new ArrayList<>(withoutRetake(retake.takeId()).retakes());
        next.add(retake);
        return new FilmEdit(order, dropped, trims, next, music);
    }

    /** This cut without a request to record the take again. */
    public FilmEdit withoutRetake(String takeId) {
        return new FilmEdit(order, dropped, trims,
                retakes.stream().filter(retake -> !retake.takeId().equals(takeId)).toList(), music);
    }

    /** The owner's trim of this take, if any. */
    public Optional<Trim> trimOf(String takeId) {
        return trims.stream().filter(trim -> trim.takeId().equals(takeId)).findFirst();
    }

    /**
     * The takes that replace takes asked to be recorded again: for each request (oldest first), the contributor's
     * first take that began after it, was not placed by the owner and replaces nothing else. Keyed by the take replaced.
     */
    public <T extends Placeable> Map<String, T> replacements(List<T> recorded) {
        Set<String> present = new HashSet<>();
        recorded.forEach(take -> present.add(take.id()));
        Set<String> used = new HashSet<>();
        Map<String, T> replacing = new LinkedHashMap<>();
        retakes.stream().sorted(Comparator.comparing(Retake::askedAt)).forEach(retake -> {
            if (!present.contains(retake.takeId()) || replacing.containsKey(retake.takeId())) {
                return;
            }
            recorded.stream().filter(take -> take.contributorId().equals(retake.contributorId())
                    && take.startedAt() != null && take.startedAt().isAfter(retake.askedAt())
                    && !take.id().equals(retake.takeId()) && !order.contains(take.id())
                    && !used.contains(take.id()) && !replacing.containsKey(take.id())).findFirst()
                    .ifPresent(take -> {
                        replacing.put(retake.takeId(), take);
                        used.add(take.id());
                    });
        });
        return replacing;
    }

    /**
     * All the takes, those out of the film too, in the film's order ({@code recorded} is in the order they were
     * recorded); a replaced take follows the take that replaced it.
     */
    public <T extends Placeable> List<T> arrange(List<T> recorded) {
        Map<String, T> replacing = replacements(recorded);
        Set<String> replacements = new HashSet<>();
        replacing.values().forEach(take -> replacements.add(take.id()));
        Map<String, T> byId = new LinkedHashMap<>();
        recorded.forEach(take -> byId.put(take.id(), take));
        List<T> arranged = new ArrayList<>(recorded.size());
        List<String> names = new ArrayList<>(order);
        recorded.forEach(take -> names.add(take.id()));
        for (String id : names) {
            if (replacements.contains(id)) {
                continue;   // placed where the take it replaces is
            }
            T take = byId.remove(id);
            if (take == null) {
                continue;
            }
            T replacement = replacing.get(id);
            if (replacement != null && byId.remove(replacement.id()) != null) {
                arranged.add(replacement);
            }
            arranged.add(take);
        }
        return arranged;
    }

    /** The takes in the film, in its order: not left out, not replaced. */
    public <T extends Placeable> List<T> film(List<T> recorded) {
        Set<String> out = out(recorded);
        return arrange(recorded).stream().filter(take -> !out.contains(take.id())).toList();
    }

    /** The ids of the takes out of the film: left out by the owner, or replaced by a retake. */
    public <T extends Placeable> Set<String> out(List<T> recorded) {
        Set<String> out = new HashSet<>(dropped);
        out.addAll(replacements(recorded).keySet());
        return out;
    }

    /**
     * This cut with the retakes that happened written into it: every take named in the film's order, replaced takes
     * left out, only the requests still open kept. The placing is the same, from these takes or any recorded later.
     */
    public <T extends Placeable> FilmEdit settled(List<T> recorded) {
        Map<String, T> replacing = replacements(recorded);
        List<String> names = arrange(recorded).stream().map(Placeable::id).toList();
        Set<String> out = new java.util.LinkedHashSet<>(dropped);
        out.addAll(replacing.keySet());
        List<Retake> open = retakes.stream().filter(retake -> !replacing.containsKey(retake.takeId())).toList();
        return new FilmEdit(names, List.copyOf(out), trims, open, music);
    }

    /** Whether the owner asked for this take to be recorded again and it has not been yet. */
    public boolean retakeAsked(String takeId) {
        return retakes.stream().anyMatch(retake -> retake.takeId().equals(takeId));
    }

    public boolean isDropped(String takeId) {
        return dropped.contains(takeId);
    }
}
