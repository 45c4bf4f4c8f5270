package dev.montazz.merge.take;

import java.time.Instant;
import java.util.List;

import dev.montazz.contract.MongoCollections;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One contributor's shot. Takes are ordered in the film by where their first chunk sits on the montage's partition,
 * which is the order in which contributors held the floor.
 *
 * @param id the take's key (montage, contributor's account name and the browser's take id; see {@code TakeKey})
 * @param contributorId the contributor's account name
 * @param contributor the contributor's display name, as the film shows it
 * @param lastSequence the sequence number of the chunk marked last; {@code null} while recording
 * @param normalisedId GridFS id (bucket {@code normalised}) of the take in the film's format; {@code null} until done
 *        or when nothing of the take could be used
 * @param normalisedSequence the {@code lastSequence} the normalised take was made from: a late chunk that extends the
 *        take makes it stale
 * @param seconds length of the normalised take
 * @param thumbnailId GridFS id (bucket {@code thumbnails}) of a still from the take
 * @param problems what was wrong with the recording, in words a person can read
 */
@Document(MongoCollections.TAKES)
public record Take(@Id String id, String montageId, String contributorId, String contributor, String container, Instant startedAt,
        int firstPartition, long firstOffset, Integer lastSequence, Instant finishedAt, String normalisedId,
        Integer normalisedSequence, Double seconds, String thumbnailId, List<String> problems) {

    public boolean finished() {
        return lastSequence != null;
    }

    /** Whether the take still has to be brought into the film's format (or found unusable). */
    public boolean needsNormalising() {
        return finished() && !lastSequence.equals(normalisedSequence);
    }

    /** This take once normalised from its chunks up to {@code lastSequence}. */
    public Take withNormalised(String normalisedId, double seconds, String thumbnailId, List<String> problems) {
        return new Take(id, montageId, contributorId, contributor, container, startedAt, firstPartition, firstOffset,
                lastSequence, finishedAt, normalisedId, lastSequence, seconds, thumbnailId, problems);
    }

    /** The id in a form fit for file names (a take's key has slashes between its parts). */
    public String fileName() {
        return id.replace('/', '+');
    }

    public boolean usable() {
        return normalisedId != null && !needsNormalising();
    }

    @Override
    public List<String> problems() {
        return problems == null ? List.of() : problems;
    }
}
