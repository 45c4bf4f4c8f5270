package dev.montazz.ingest.chunk;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import dev.montazz.contract.chunk.ChunkKind;
import dev.montazz.contract.montage.MontageMembership;
import dev.montazz.ingest.floor.FloorService;
import dev.montazz.ingest.montage.MontageDirectory;
import dev.montazz.ingest.usage.StorageQuota;
import dev.montazz.security.CurrentUser;
import org.springframework.stereotype.Service;

/**
 * Takes a part of a file upload in: from whom the kind allows (the owner for music, any contributor for a shot),
 * within their uploads and quota, a first part that starts like a file of that kind, and a bounded number of parts.
 * Each is published and confirmed stored like a take's chunk; the floor has no say (nobody is on air while a file
 * travels), and the last one's receipt says whether the whole file was what it should be.
 */
@Service
class UploadIntake {

    private final UploadSlots slots;
    private final MontageDirectory montages;
    private final StorageQuota quota;
    private final ChunkPublisher publisher;
    private final FloorService floor;

    UploadIntake(UploadSlots slots, MontageDirectory montages, StorageQuota quota, ChunkPublisher publisher,
            FloorService floor) {
        this.slots = slots;
        this.montages = montages;
        this.quota = quota;
        this.publisher = publisher;
        this.floor = floor;
    }

    ChunkReceipt take(UploadRules.Rules rules, UploadChunk upload, CurrentUser user, ChunkSource body)
            throws IOException {
        try (UploadSlots.Slot slot = slots.take(user.username())) {
            MontageMembership montage = rules.ownerOnly()
                    ? montages.requireOwner(upload.montageId(), user.username())
                    : montages.requireContributor(upload.montageId(), user.username());
            rules.requireWithin(upload.sequence());
            StorageQuota.Use storage = quota.of(user);
            storage.require(Math.max(1, body.declaredLength()));
            byte[] data = body.read();
            storage.require(data.length);
            if (data.length == 0) {
                throw new NotAVideo("A chunk of an upload has bytes: send the file's next part");
            }
            if (upload.sequence() == 0 && !rules.looksRight().test(data)) {
                throw new UploadUnreadable(rules.notThisKind());
            }
            // A shot from a file is as long as a recorded one may be: the floor's rule, checked on the whole file.
            Duration longest = rules.kind() == ChunkKind.FILE && upload.last() ? floor.maxShot(montage) : null;
            return publisher.publish(new Chunk(montage.id(), upload.uploadId(), upload.sequence(), upload.last(),
                    user.username(), user.displayName(), Instant.now(), null, data, rules.kind(),
                    upload.last() ? upload.fileName() : null, longest));
        }
    }

    /** A part of an upload, as the URL says. */
    record UploadChunk(String montageId, String uploadId, int sequence, boolean last, String fileName) {
    }
}
