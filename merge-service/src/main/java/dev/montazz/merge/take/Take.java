package dev.montazz.merge.take;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One contributor's shot. Takes are ordered in the film by where their first chunk sits on the montage's partition,
 * which is the order in which contributors held the floor.
 *
 * @param lastSequence the sequence number of the chunk marked last; {@code null} while recording
 */
@Document("takes")
public record Take(@Id String id, String montageId, String contributor, String container, Instant startedAt,
        int firstPartition, long firstOffset, Integer lastSequence, Instant finishedAt) {

    public boolean finished() {
        return lastSequence != null;
    }
}
