package dev.montazz.merge.chunk;

import java.time.Instant;

import dev.montazz.contract.MongoCollections;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A chunk kept until its montage is deleted. The id is the take's key ({@link TakeKey}) and sequence number, so a
 * re-sent chunk cannot be stored twice; partition and offset say where it was first read.
 *
 * @param sha256 digest of {@code data}, so a re-send can be told from other bytes under the same number without
 *        reading the stored bytes back; {@code null} for chunks stored before digests were kept
 */
@Document(MongoCollections.CHUNKS)
@CompoundIndex(name = "take_sequence", def = "{'takeId': 1, 'sequence': 1}")
public record StoredChunk(@Id String id, String montageId, String takeId, int sequence, byte[] data, String sha256,
        int partition, long offset, Instant receivedAt) {
}
