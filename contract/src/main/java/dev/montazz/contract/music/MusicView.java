package dev.montazz.contract.music;

import java.time.Instant;

/**
 * A montage's music bed as merge-service keeps it in {@code music} ({@code _id} is the montage id: one bed per montage,
 * a new upload replaces it), read by the portal to show the owner what plays under the film. The sound is in the
 * GridFS bucket {@code music}.
 *
 * @param musicId the upload's id, new with every upload: the film's edit names the bed by it
 * @param name the file's name as the owner's device gave it
 * @param seconds how long it plays
 * @param loudness its integrated loudness (EBU R128), in LUFS, measured when it was kept
 * @param bytes its size, counted in its uploader's storage
 * @param fileId the GridFS file of bucket {@code music}
 * @param uploadedBy the account name of who uploaded it
 */
public record MusicView(String id, String musicId, String name, double seconds, double loudness, long bytes,
        String fileId, String uploadedBy, Instant uploadedAt) {
}
