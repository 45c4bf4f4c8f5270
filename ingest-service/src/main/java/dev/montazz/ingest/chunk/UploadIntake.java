package dev.montazz.ingest.chunk;

import java.io.IOException;
import java.time.Instant;

import dev.montazz.contract.chunk.ChunkKind;
import dev.montazz.contract.montage.MontageMembership;
import dev.montazz.ingest.montage.MontageDirectory;
import dev.montazz.ingest.usage.StorageQuota;
import dev.montazz.security.CurrentUser;
import org.springframework.stereotype.Service;

/**
 * Takes a chunk of the owner's music upload in: the montage's owner only, within their uploads and quota, a first chunk
 * that starts like a sound file, and a bounded number of chunks. Each is published and confirmed stored like a take's;
 * the floor has no say (music is not a shot), and the last one's receipt says whether the whole file was music.
 */
@Service
class MusicIntake {

    private final UploadSlots slots;
    private final MontageDirectory montages;
    private final StorageQuota quota;
    private final ChunkPublisher publisher;
    private final MusicUploads limits;

    MusicIntake(UploadSlots slots, MontageDirectory montages, StorageQuota quota, ChunkPublisher publisher,
            MusicUploads limits) {
        this.slots = slots;
        this.montages = montages;
        this.quota = quota;
        this.publisher = publisher;
        this.limits = limits;
    }

    ChunkReceipt take(MusicChunk upload, CurrentUser user, ChunkSource body) throws IOException {
        try (UploadSlots.Slot slot = slots.take(user.username())) {
            MontageMembership montage = montages.requireOwner(upload.montageId(), user.username());
            limits.requireWithin(upload.sequence());
            StorageQuota.Use storage = quota.of(user);
            storage.require(Math.max(1, body.declaredLength()));
            byte[] data = body.read();
            storage.require(data.length);
            if (data.length == 0) {
                throw new NotAVideo("A chunk of an upload has bytes: send the file's next part");
            }
            if (upload.sequence() == 0 && !MagicBytes.looksLikeSound(data)) {
                throw new UploadUnreadable("This is not a sound file. Upload MP3, AAC (M4A), Opus or Vorbis (Ogg), "
                        + "WAV or FLAC");
            }
            return publisher.publish(new Chunk(montage.id(), upload.uploadId(), upload.sequence(), upload.last(),
                    user.username(), user.displayName(), Instant.now(), null, data, ChunkKind.MUSIC,
                    upload.last() ? upload.fileName() : null));
        }
    }

    /** A chunk of a music upload, as the URL says. */
    record MusicChunk(String montageId, String uploadId, int sequence, boolean last, String fileName) {
    }
}
