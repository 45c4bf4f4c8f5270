package dev.montazz.merge.music;

import java.time.Instant;

import dev.montazz.contract.MongoCollections;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A montage's music bed, kept by montage id (one per montage: the latest upload); read by the portal as the contract's
 * {@code MusicView}, so the fields are the same.
 */
@Document(MongoCollections.MUSIC)
public record MusicBed(@Id String id, String musicId, String name, double seconds, double loudness, long bytes,
        String fileId, String uploadedBy, Instant uploadedAt) {

    public String montageId() {
        return id;
    }
}
