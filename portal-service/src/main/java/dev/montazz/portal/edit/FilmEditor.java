package dev.montazz.portal.edit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.montage.FilmEdit;
import dev.montazz.contract.music.MusicView;
import dev.montazz.contract.take.MontageTakesView;
import dev.montazz.contract.take.TakeView;
import dev.montazz.portal.render.RenderRequests;
import dev.montazz.security.CurrentUser;
import dev.montazz.security.store.Lookups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The owner's editing of a film: the order of its shots, shots left out and put back, trims, retakes asked for, and
 * undo. Each edit is one compare-and-set on the montage (so two tabs cannot lose each other's edits) and then a render
 * request: merge-service joins the kept takes again by packet copy, and the previous film stays playable meanwhile. The
 * cut is read settled (retakes that happened written into it, {@link FilmEdit#settled}), so edits work on what the
 * owner sees.
 */
@Component
public class FilmEditor {

    /** How many edits can be undone, one after another. */
    static final int UNDO_DEPTH = 20;

    private static final Logger log = LoggerFactory.getLogger(FilmEditor.class);

    private final MongoTemplate mongo;
    /** merge lists every montage's takes once this is seen; it stays so. */
    private volatile boolean takesListed;
    private final RenderRequests renders;
    private final RetakeMail retakeMail;
    private final java.time.Clock clock;

    FilmEditor(MongoTemplate mongo, RenderRequests renders, RetakeMail retakeMail, java.time.Clock clock) {
        this.mongo = mongo;
        this.renders = renders;
        this.retakeMail = retakeMail;
        this.clock = clock;
    }

    /** The cut for the watch page: present for the owner only. */
    public Optional<Cut> cutFor(String montageId, CurrentUser user) {
        EditedMontage montage = find(montageId);
        if (montage == null || !montage.ownedBy(user.username())) {
            return Optional.empty();
        }
        return Optional.of(Editing.of(montage, finishedTakes(montageId), musicOf(montageId)).cut());
    }

    public Cut cut(String montageId, CurrentUser owner) {
        return open(montageId, owner).cut();
    }

    /**
     * The owner's whole cut at once: shots in the order named (those not named follow, as recorded), and which are left
     * out.
     */
    public Cut arrange(String montageId, CurrentUser owner, List<String> order, List<String> leftOut) {
        Editing editing = open(montageId, owner);
        List<String> ordered = editing.takeIds(order, "order");
        Set<String> dropped = new HashSet<>(editing.takeIds(leftOut, "leftOut"));
        return change(editing, new FilmEdit(ordered, List.copyOf(dropped), editing.edit().trims(),
                editing.edit().retakes(), editing.edit().music()));
    }

    /** Moves a shot {@code by} places later (negative: earlier) among the shots in the film. */
    public Cut move(String montageId, CurrentUser owner, String shotId, int by) {
        Editing editing = open(montageId, owner);
        String takeId = editing.takeId(shotId);
        List<String> film = editing.filmTakeIds();
        int from = film.indexOf(takeId);
        if (from < 0) {
            throw bad("That shot is left out of the film: put it back first");
        }
        int to = from + by;
        if (to < 0 || to >= film.size()) {
            throw bad("A shot can move to places 1 to " + film.size());
        }
        List<String> reordered = new ArrayList<>(film);
        reordered.add(to, reordered.remove(from));
        List<String> all = new ArrayList<>(reordered);
        editing.allTakeIds().stream().filter(id -> !all.contains(id)).forEach(all::add);
        return change(editing, new FilmEdit(all, editing.edit().dropped(), editing.edit().trims(),
                editing.edit().retakes(), editing.edit().music()));
    }

    /** Leaves a shot out of the film (it is kept) or puts it back where it was. */
    public Cut leaveOut(String montageId, CurrentUser owner, String shotId, boolean out) {
        Editing editing = open(montageId, owner);
        String takeId = editing.takeId(shotId);
        Set<String> dropped = new HashSet<>(editing.droppedTakeIds());
        if (out) {
            dropped.add(takeId);
        } else {
            dropped.remove(takeId);
        }
        return change(editing, new FilmEdit(editing.allTakeIds(), List.copyOf(dropped), editing.edit().trims(),
                editing.edit().retakes(), editing.edit().music()));
    }

    /**
     * Trims a shot to the part from {@code start} to {@code end} seconds; the whole shot makes it whole again. Only a
     * shot already prepared can be trimmed (its length is known then).
     */
    public Cut trim(String montageId, CurrentUser owner, String shotId, double start, double end) {
        Editing editing = open(montageId, owner);
        String takeId = editing.takeId(shotId);
        Double seconds = editing.secondsOf(takeId);
        if (seconds == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "That shot is still being prepared: trim it once it shows its length");
        }
        // A slider's last step may pass the end by a rounding error.
        double last = Math.floor(seconds * 10) / 10;
        end = Math.min(end, seconds);
        if (!Double.isFinite(start) || !Double.isFinite(end) || start < 0 || end - start < FilmEdit.SHORTEST_TRIM) {
            throw bad(String.format(java.util.Locale.ROOT, "A trim keeps at least %.1f s of the shot, between 0 and "
                    + "%.1f s", FilmEdit.SHORTEST_TRIM, last));
        }
        if (start == 0 && end >= last) {
            return change(editing, editing.edit().withoutTrim(takeId));
        }
        return change(editing, editing.edit().withTrim(new FilmEdit.Trim(takeId, round(start), round(end))));
    }

    /** Makes a trimmed shot whole again. */
    public Cut untrim(String montageId, CurrentUser owner, String shotId) {
        Editing editing = open(montageId, owner);
        return change(editing, editing.edit().withoutTrim(editing.takeId(shotId)));
    }

    /**
     * Asks the contributor of a shot to record it again: they are told on their studio page and by e-mail, and their
     * next take replaces the shot where it is. The film does not change until then.
     */
    public Cut askRetake(String montageId, CurrentUser owner, String shotId) {
        Editing editing = open(montageId, owner);
        String takeId = editing.takeId(shotId);
        if (editing.edit().retakeAsked(takeId)) {
            return editing.cut();
        }
        TakeView take = editing.take(takeId);
        java.time.Instant askedAt = clock.instant();
        Cut cut = change(editing, editing.edit().withRetake(new FilmEdit.Retake(takeId, take.contributorId(),
                askedAt)), false);
        retakeMail.ask(montageId, take, owner, askedAt);
        return cut;
    }

    /** Withdraws a request to record a shot again. */
    public Cut cancelRetake(String montageId, CurrentUser owner, String shotId) {
        Editing editing = open(montageId, owner);
        return change(editing, editing.edit().withoutRetake(editing.takeId(shotId)), false);
    }

    /**
     * Sets how loud the music bed plays against the voices, in dB ({@link FilmEdit.Music#QUIETEST} to
     * {@link FilmEdit.Music#LOUDEST}). Only a montage with music has a level to set.
     */
    public Cut setMusicLevel(String montageId, CurrentUser owner, double levelDb) {
        Editing editing = open(montageId, owner);
        requireMusic(editing);
        if (!Double.isFinite(levelDb) || !FilmEdit.Music.allowed(levelDb)) {
            throw bad(String.format(java.util.Locale.ROOT, "The music's level is between %.0f and %.0f dB",
                    FilmEdit.Music.QUIETEST, FilmEdit.Music.LOUDEST));
        }
        return change(editing, editing.edit().withMusicLevel(Math.round(levelDb)));
    }

    /** Takes the music bed out of the film (undo, or a new upload, brings music back) or puts it back in. */
    public Cut playMusic(String montageId, CurrentUser owner, boolean play) {
        Editing editing = open(montageId, owner);
        MusicView music = requireMusic(editing);
        return change(editing, play ? editing.edit().withoutMusic(null) : editing.edit().withoutMusic(music.musicId()));
    }

    private static MusicView requireMusic(Editing editing) {
        if (editing.music() == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "This montage has no music: upload a piece first");
        }
        return editing.music();
    }

    /** To the tenth of a second: what the sliders offer, and no false precision in the stored cut. */
    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    /** Goes back to the cut before the last edit. */
    public Cut undo(String montageId, CurrentUser owner) {
        Editing editing = open(montageId, owner);
        List<FilmEdit> earlier = editing.montage().editUndo();
        if (earlier.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "There is no edit to undo");
        }
        FilmEdit previous = earlier.get(earlier.size() - 1);
        List<FilmEdit> rest = earlier.subList(0, earlier.size() - 1);
        store(editing.montage(), previous, rest);
        log.info("Montage {}: the last edit undone", montageId);
        renders.request(montageId, "an edit undone");
        return editing.with(withEdit(editing.montage(), previous, rest)).cut();
    }

    /** The whole normalised take behind one of the montage's shots, for its owner's trimming; null before it is made. */
    public String takeFileOf(String montageId, CurrentUser owner, String shotId) {
        Editing editing = open(montageId, owner);
        String takeId = editing.takeId(shotId);
        return editing.take(takeId).normalisedId();
    }

    /** The still of one of the montage's shots, for its owner's editor; null when it has none yet. */
    public String stillOf(String montageId, CurrentUser owner, String shotId) {
        Editing editing = open(montageId, owner);
        String takeId = editing.takeId(shotId);
        return editing.take(takeId).thumbnailId();
    }

    private Cut change(Editing editing, FilmEdit next) {
        return change(editing, next, true);
    }

    /** @param film whether the film changes with it (a request for a retake changes nothing until it is recorded) */
    private Cut change(Editing editing, FilmEdit next, boolean film) {
        Editing after = editing.with(withEdit(editing.montage(), next, editing.montage().editUndo()));
        if (after.filmTakeIds().isEmpty()) {
            throw bad("A film needs at least one shot: put one back before leaving this one out");
        }
        if (after.allTakeIds().equals(editing.allTakeIds())
                && new HashSet<>(after.droppedTakeIds()).equals(new HashSet<>(editing.droppedTakeIds()))
                && new HashSet<>(after.knownTrims()).equals(new HashSet<>(editing.knownTrims()))
                && new HashSet<>(after.openRetakes()).equals(new HashSet<>(editing.openRetakes()))
                && next.music().equals(editing.edit().music())) {
            return editing.cut();   // nothing changes: no undo step, no render
        }
        List<FilmEdit> undo = new ArrayList<>(editing.montage().editUndo());
        undo.add(editing.edit());
        if (undo.size() > UNDO_DEPTH) {
            undo = undo.subList(undo.size() - UNDO_DEPTH, undo.size());
        }
        FilmEdit stored = new FilmEdit(after.allTakeIds(), after.droppedTakeIds(), after.knownTrims(),
                after.openRetakes(), next.music());
        store(editing.montage(), stored, undo);
        log.info("Montage {} edited: {} shots in the film, {} left out, {} retakes asked for, music {}",
                editing.montage().id(), after.filmTakeIds().size(), after.droppedTakeIds().size(),
                after.openRetakes().size(), stored.music());
        if (film) {
            renders.request(editing.montage().id(), "shots edited");
        }
        return editing.with(withEdit(editing.montage(), stored, undo)).cut();
    }

    private void store(EditedMontage montage, FilmEdit edit, List<FilmEdit> undo) {
        Long version = montage.editVersion();
        Query unchanged = Query.query(Criteria.where("_id").is(montage.id()).and("editVersion").is(version));
        Update update = new Update().set("edit", edit).set("editUndo", undo)
                .set("editVersion", version == null ? 1L : version + 1);
        if (mongo.updateFirst(unchanged, update, MongoCollections.MONTAGES).getModifiedCount() == 0) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "The film was edited meanwhile (in another tab?): look at it again, then edit");
        }
    }

    private static EditedMontage withEdit(EditedMontage m, FilmEdit edit, List<FilmEdit> undo) {
        return new EditedMontage(m.id(), m.owner(), m.contributors(), m.visibility(), edit, undo, m.editVersion());
    }

    private Editing open(String montageId, CurrentUser user) {
        EditedMontage montage = find(montageId);
        if (montage == null || !montage.visibleTo(user.username())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no montage " + montageId);
        }
        if (!montage.ownedBy(user.username())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the montage's owner edits its film");
        }
        return Editing.of(montage, finishedTakes(montageId), musicOf(montageId));
    }

    /** The montage's music bed, kept by merge-service; null when it has none. */
    private MusicView musicOf(String montageId) {
        return mongo.findById(montageId, MusicView.class, MongoCollections.MUSIC);
    }

    private EditedMontage find(String montageId) {
        Query query = Query.query(Criteria.where("_id").is(montageId));
        query.fields().include(EditedMontage.FIELDS);
        return mongo.findOne(query, EditedMontage.class, MongoCollections.MONTAGES);
    }

    /**
     * The montage's finished takes in the order they were recorded, as merge-service orders them: found by id from
     * merge's list of the montage's takes once it is complete (no scan of every take), by a query before.
     */
    private List<TakeView> finishedTakes(String montageId) {
        if (takesListed()) {
            MontageTakesView listed = mongo.findById(montageId, MontageTakesView.class, MongoCollections.MONTAGE_TAKES);
            return listed == null ? List.of()
                    : listed.finishedTakes(id -> mongo.findById(id, TakeView.class, MongoCollections.TAKES));
        }
        Query query = Query.query(Criteria.where(TakeView.MONTAGE_ID).is(montageId).and(TakeView.LAST_SEQUENCE).ne(null))
                .with(Sort.by(TakeView.FIRST_PARTITION, TakeView.FIRST_OFFSET));
        return mongo.find(query, TakeView.class, MongoCollections.TAKES);
    }

    private boolean takesListed() {
        if (!takesListed) {
            takesListed = Lookups.exists(mongo, MontageTakesView.COMPLETE, MongoCollections.MONTAGE_TAKES);
        }
        return takesListed;
    }

    private static ResponseStatusException bad(String reason) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
    }

    /**
     * A montage being edited with its finished takes.
     *
     * @param edit its cut with the retakes that happened written in
     * @param music its music bed; null when it has none
     */
    private record Editing(EditedMontage montage, List<TakeView> takes, FilmEdit edit, MusicView music) {

        static Editing of(EditedMontage montage, List<TakeView> takes, MusicView music) {
            return new Editing(montage, takes, montage.edit().settled(takes), music);
        }

        /** The same takes and music, with the montage as it is after an edit. */
        Editing with(EditedMontage edited) {
            return of(edited, takes, music);
        }

        List<TakeView> arranged() {
            return edit().arrange(takes);
        }

        TakeView take(String takeId) {
            return takes.stream().filter(t -> t.id().equals(takeId)).findFirst().orElseThrow();
        }

        /** Requests for retakes of takes the montage still has, not recorded yet. */
        List<FilmEdit.Retake> openRetakes() {
            Set<String> known = new HashSet<>(allTakeIds());
            return edit().retakes().stream().filter(retake -> known.contains(retake.takeId())).toList();
        }

        List<String> allTakeIds() {
            return arranged().stream().map(TakeView::id).toList();
        }

        List<String> droppedTakeIds() {
            return allTakeIds().stream().filter(edit()::isDropped).toList();
        }

        /** The trims of takes the montage still has. */
        List<FilmEdit.Trim> knownTrims() {
            Set<String> known = new HashSet<>(allTakeIds());
            return edit().trims().stream().filter(trim -> known.contains(trim.takeId())).toList();
        }

        Double secondsOf(String takeId) {
            return take(takeId).seconds();
        }

        List<String> filmTakeIds() {
            return edit().film(takes).stream().map(TakeView::id).toList();
        }

        String takeId(String shotId) {
            String takeId = byShotId().get(shotId);
            if (takeId == null) {
                throw bad("There is no shot " + shotId + " in this montage");
            }
            return takeId;
        }

        /** The take ids of these shot ids, each named once. */
        List<String> takeIds(List<String> shotIds, String field) {
            if (shotIds == null) {
                return List.of();
            }
            if (new HashSet<>(shotIds).size() != shotIds.size()) {
                throw bad("Name each shot at most once in " + field);
            }
            return shotIds.stream().map(this::takeId).toList();
        }

        private Map<String, String> byShotId() {
            Map<String, String> ids = new LinkedHashMap<>();
            takes.forEach(take -> ids.put(ShotIds.of(take.id()), take.id()));
            return ids;
        }

        Cut cut() {
            List<Shot> inFilm = new ArrayList<>();
            List<Shot> leftOut = new ArrayList<>();
            for (TakeView take : arranged()) {
                boolean out = edit().isDropped(take.id());
                Optional<FilmEdit.Trim> trim = edit().trimOf(take.id());
                Shot shot = new Shot(ShotIds.of(take.id()), take.contributor(), take.seconds(), !out,
                        take.thumbnailId() != null, trim.map(FilmEdit.Trim::startSeconds).orElse(null),
                        trim.map(FilmEdit.Trim::endSeconds).orElse(null), edit().retakeAsked(take.id()));
                (out ? leftOut : inFilm).add(shot);
            }
            return new Cut(inFilm, leftOut, !montage.editUndo().isEmpty(),
                    music == null ? null : MusicBed.of(music, edit().music()));
        }
    }
}
