package dev.montazz.merge.take;

import java.time.Instant;
import java.util.List;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.montage.FilmEdit;
import dev.montazz.contract.montage.Framing;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

/**
 * One contributor's shot. Takes are ordered in the film by where their first chunk sits on the montage's partition,
 * which is the order in which contributors held the floor. The groups are stored flat, as the portal and auth read
 * takes (the contract's {@code TakeView}).
 *
 * @param id the take's key (montage, contributor's account name and the browser's take id; see {@code TakeKey})
 * @param contributorId the contributor's account name
 * @param contributor the contributor's display name, as the film shows it
 * @param container {@code webm} or {@code mp4}
 * @param recording where and when it was recorded
 * @param normalised its copy in the film's format; null until made
 * @param trimmed its copy trimmed as the montage's owner last asked; null until the owner trims it
 */
@Document(MongoCollections.TAKES)
public record Take(@Id String id, String montageId, String contributorId, String contributor, String container,
        @Unwrapped.Empty Recording recording, @Unwrapped.Nullable Normalised normalised,
        @Unwrapped.Nullable Trimmed trimmed) implements FilmEdit.Placeable {

    @org.springframework.data.annotation.PersistenceCreator
    public Take {
    }

    public Take(String id, String montageId, String contributorId, String contributor, String container,
            Recording recording, Normalised normalised) {
        this(id, montageId, contributorId, contributor, container, recording, normalised, null);
    }

    /**
     * A trimmed copy of the take in the film's format, made from its recording (so the caption sits at the trimmed
     * start). Kept when the owner removes the trim, so that undoing that is quick.
     *
     * @param trimmedId GridFS id (bucket {@code normalised}); {@code null} when nothing of that part could be used
     * @param trimmedSequence the {@code lastSequence} it was made from
     * @param trimmedFraming how it fills the frame
     */
    public record Trimmed(Double trimStart, Double trimEnd, String trimmedId, Double trimmedSeconds,
            Integer trimmedSequence, Framing trimmedFraming) {
    }

    /** Whether the trimmed copy kept is this trim of the take as it now is, framed so. */
    public boolean trimmedAs(FilmEdit.Trim trim, Framing framing) {
        return trimmed != null && trimmed.trimmedId() != null && lastSequence() != null
                && lastSequence().equals(trimmed.trimmedSequence()) && trimmed.trimStart() == trim.startSeconds()
                && trimmed.trimEnd() == trim.endSeconds()
                && framing == (trimmed.trimmedFraming() == null ? Framing.BARS : trimmed.trimmedFraming());
    }

    /** Whether its normalised copy fills the frame so (a take not normalised yet is not). */
    public boolean framedAs(Framing framing) {
        return normalised != null && normalised.framing() == framing;
    }

    /** The take as a film uses it when trimmed: its trimmed copy in place of the whole normalised one (not stored). */
    public Take inFilmTrimmed(Trimmed made) {
        return new Take(id, montageId, contributorId, contributor, container, recording,
                new Normalised(made.trimmedId(), normalised.normalisedSequence(), made.trimmedSeconds(),
                        normalised.thumbnailId(), normalised.problems(), normalised.normalisedVersion(),
                        made.trimmedFraming(), normalised.normalisedAt()), made);
    }

    /**
     * @param firstPartition where its first chunk was read
     * @param firstOffset likewise; orders takes in the film
     * @param lastSequence the sequence number of the chunk marked last; {@code null} while recording
     * @param chunksReleasedAt when the recording's chunks were let go, a while after its normalised copy was kept
     *        ({@code montazz.merge.storage-sweep.keep-recordings}); from then on the take is made from that copy
     *        only, and the chunks are removed a grace period later, once no render can still be reading them
     * @param chunksRemovedAt when they were removed
     */
    public record Recording(Instant startedAt, int firstPartition, long firstOffset, Integer lastSequence,
            Instant finishedAt, Instant chunksReleasedAt, Instant chunksRemovedAt) {

        public Recording(Instant startedAt, int firstPartition, long firstOffset, Integer lastSequence,
                Instant finishedAt) {
            this(startedAt, firstPartition, firstOffset, lastSequence, finishedAt, null, null);
        }
    }

    /**
     * @param normalisedId GridFS id (bucket {@code normalised}) of the take in the film's format; {@code null} when
     *        nothing of the take could be used
     * @param normalisedSequence the {@code lastSequence} it was made from: a late chunk that extends the take makes it
     *        stale
     * @param seconds its length
     * @param thumbnailId GridFS id (bucket {@code thumbnails}) of a still from the take
     * @param problems what was wrong with the recording, in words a person can read
     * @param normalisedVersion the {@link #NORMALISED_VERSION} it was made with; {@code null} before versions
     * @param normalisedFraming how it fills the frame; {@code null} (before owners could choose) is {@link Framing#BARS}
     * @param normalisedAt when it was kept; {@code null} for copies kept before this was recorded
     */
    public record Normalised(String normalisedId, Integer normalisedSequence, Double seconds, String thumbnailId,
            List<String> problems, Integer normalisedVersion, Framing normalisedFraming, Instant normalisedAt) {

        public Framing framing() {
            return normalisedFraming == null ? Framing.BARS : normalisedFraming;
        }
    }

    /**
     * How takes are normalised now: 2 since their sound is levelled to the film's loudness. A take kept in an older
     * way is normalised again, once, from its chunks at the montage's next render.
     */
    public static final int NORMALISED_VERSION = 2;

    @Override
    public Instant startedAt() {
        return recording.startedAt();
    }

    public Integer lastSequence() {
        return recording.lastSequence();
    }

    public boolean finished() {
        return lastSequence() != null;
    }

    /**
     * Whether the take still has to be brought into the film's format (or found unusable). Never once its recording
     * was let go: its normalised copy is then all there is, kept as it was made.
     */
    public boolean needsNormalising() {
        return finished() && !recordingReleased() && (normalised == null || !lastSequence().equals(normalised.normalisedSequence())
                || normalised.normalisedVersion() == null || normalised.normalisedVersion() < NORMALISED_VERSION);
    }

    /** This take once normalised from its chunks up to {@code lastSequence}, kept at {@code at}. */
    public Take withNormalised(String normalisedId, double seconds, String thumbnailId, List<String> problems,
            Framing framing, Instant at) {
        return new Take(id, montageId, contributorId, contributor, container, recording,
                new Normalised(normalisedId, lastSequence(), seconds, thumbnailId, problems, NORMALISED_VERSION,
                        framing, at), trimmed);
    }

    /** Whether its chunks were let go (or are gone): edits then work from the normalised copy. */
    public boolean recordingReleased() {
        return recording.chunksReleasedAt() != null;
    }

    /** The id in a form fit for file names (a take's key has slashes between its parts). */
    public String fileName() {
        return id.replace('/', '+');
    }

    public boolean usable() {
        return normalisedId() != null && !needsNormalising();
    }

    public String normalisedId() {
        return normalised == null ? null : normalised.normalisedId();
    }

    public String thumbnailId() {
        return normalised == null ? null : normalised.thumbnailId();
    }

    public Double seconds() {
        return normalised == null ? null : normalised.seconds();
    }

    public List<String> problems() {
        return normalised == null || normalised.problems() == null ? List.of() : normalised.problems();
    }
}
