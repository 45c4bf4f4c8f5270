package dev.montazz.ingest.chunk;

import java.io.IOException;

import dev.montazz.contract.chunk.Container;
import dev.montazz.contract.montage.MontageMembership;
import dev.montazz.ingest.IngestProperties;
import dev.montazz.ingest.chunk.ChunkTimings.Step;
import dev.montazz.ingest.floor.ChunkAdmission;
import dev.montazz.ingest.floor.FloorService;
import dev.montazz.ingest.floor.InFlightChunks;
import dev.montazz.ingest.montage.MontageDirectory;
import dev.montazz.ingest.usage.StorageQuota;
import dev.montazz.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Takes a chunk in, owning the whole sequence: authorise (a contributor, within their uploads and quota), the floor
 * admits it, its bytes are read and checked, the floor records it, it is published and confirmed stored, the floor
 * acknowledges it. Everything the URL and the token say is checked before a byte of the body is read: a request that
 * may not send costs no memory and no waiting. Any refusal is a domain exception, answered by the web layer. A chunk
 * slower than {@code montazz.ingest.slow-chunk} is logged with where its time went ({@link ChunkTimings}).
 */
@Service
class ChunkIntake {

    private static final Logger log = LoggerFactory.getLogger(ChunkIntake.class);

    private final UploadSlots slots;
    private final MontageDirectory montages;
    private final FloorService floors;
    private final StorageQuota quota;
    private final ChunkPublisher publisher;
    private final IngestProperties properties;

    ChunkIntake(UploadSlots slots, MontageDirectory montages, FloorService floors, StorageQuota quota,
            ChunkPublisher publisher, IngestProperties properties) {
        this.slots = slots;
        this.montages = montages;
        this.floors = floors;
        this.quota = quota;
        this.publisher = publisher;
        this.properties = properties;
    }

    ChunkReceipt take(ChunkUpload upload, CurrentUser user, ChunkSource body) throws IOException {
        ChunkTimings timings = new ChunkTimings();
        try (UploadSlots.Slot slot = slots.take(user.username())) {
            timings.done(Step.SLOT);
            MontageMembership montage = montages.requireContributor(upload.montageId(), user.username());
            timings.done(Step.MEMBERSHIP);
            ChunkAdmission admission = floors.admit(montage, user, upload.forFloor());
            timings.done(Step.ADMIT);
            StorageQuota.Use storage = quota.of(user);
            storage.require(Math.max(1, body.declaredLength()));
            timings.done(Step.QUOTA);
            byte[] data = body.read();
            storage.require(data.length);
            Container container = upload.sequence() == 0 ? ContainerHeader.read(data) : null;
            timings.done(Step.BODY);
            admission = floors.record(admission);
            timings.done(Step.RECORD);
            ChunkReceipt receipt;
            try (InFlightChunks.Handle sending = floors.sending(admission)) {
                receipt = publisher.publish(Chunk.ofTake(upload.montageId(), upload.takeId(), upload.sequence(),
                        upload.last(), user.username(), user.displayName(), upload.capturedAt(), container, data),
                        timings);
            }
            floors.acknowledge(admission, upload.last());
            timings.done(Step.ACKNOWLEDGE);
            if (timings.total().compareTo(properties.slowChunk()) >= 0) {
                log.info("Slow chunk {}/{}#{}: {}", upload.montageId(), upload.takeId(), upload.sequence(), timings);
            }
            return receipt;
        }
    }
}
