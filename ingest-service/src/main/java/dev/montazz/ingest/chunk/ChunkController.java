package dev.montazz.ingest.chunk;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import dev.montazz.contract.chunk.Container;
import dev.montazz.contract.montage.MontageMembership;
import dev.montazz.ingest.IngestProperties;
import dev.montazz.ingest.floor.Floor;
import dev.montazz.ingest.floor.FloorService;
import dev.montazz.ingest.floor.InFlightChunks;
import dev.montazz.ingest.montage.MontageDirectory;
import dev.montazz.ingest.usage.DataSizes;
import dev.montazz.ingest.usage.StorageQuota;
import dev.montazz.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code PUT …/montages/{montage}/takes/{take}/chunks/{seq}?fence=} with the chunk's bytes as the body, from scripts
 * ({@code /api}) or the studio page ({@code /studio}). Only the contributor holding the floor may send, with the fence
 * of their turn, and only the first chunk of a take carries the container header ({@link ContainerHeader}). PUT because a re-send of the same chunk is harmless: the answer is the receipt of the stored copy.
 */
@RestController
class ChunkController {

    private static final Pattern TAKE_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Duration CAPTURE_PAST = Duration.ofHours(24);
    private static final Duration CAPTURE_FUTURE = Duration.ofMinutes(10);

    private final ChunkPublisher publisher;
    private final MontageDirectory montages;
    private final FloorService floors;
    private final IngestProperties properties;
    private final UploadSlots slots;
    private final StorageQuota quota;

    ChunkController(ChunkPublisher publisher, MontageDirectory montages, FloorService floors,
            IngestProperties properties, UploadSlots slots, StorageQuota quota) {
        this.quota = quota;
        this.publisher = publisher;
        this.montages = montages;
        this.floors = floors;
        this.properties = properties;
        this.slots = slots;
    }

    @PutMapping({"/api/montages/{montageId}/takes/{takeId}/chunks/{sequence}",
            "/studio/montages/{montageId}/takes/{takeId}/chunks/{sequence}"})
    ChunkReceipt put(@PathVariable String montageId, @PathVariable String takeId, @PathVariable int sequence,
            @RequestParam long fence, @RequestParam(defaultValue = "false") boolean last,
            @RequestHeader(name = "X-Captured-At", required = false) Long capturedAtMillis, CurrentUser user,
            HttpServletRequest request) throws IOException {
        if (!TAKE_ID.matcher(takeId).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "A take id is 8 to 64 letters, digits, '-' or '_' (a UUID works)");
        }
        if (sequence < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Sequence numbers start at 0");
        }
        Instant capturedAt = capturedAt(capturedAtMillis);
        // Everything the URL and the token say is checked before a byte of the body is read: a request that may not
        // send costs no memory and no waiting.
        try (UploadSlots.Slot slot = slots.take(user.username())) {
            MontageMembership montage = montages.find(montageId).orElseThrow(
                    () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no montage " + montageId));
            if (!montage.hasContributor(user.username())) {
                throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                        "You are not a contributor of this montage; ask its owner for an invitation");
            }
            Floor current = floors.check(montage, user, fence, takeId, sequence);
            StorageQuota.Use storage = quota.of(user);
            requireRoom(storage, Math.max(1, request.getContentLengthLong()));
            byte[] data = ChunkBody.read(request, properties.maxChunkSize().toBytes(), properties.chunkReadTimeout());
            requireRoom(storage, data.length);
            Container container = sequence == 0 ? container(data) : null;
            Floor checked = floors.beforeChunk(montage, user, fence, takeId, sequence, current);
            ChunkReceipt receipt;
            try (InFlightChunks.Handle sending = floors.sending(montageId, user, fence)) {
                receipt = publisher.publish(new Chunk(montageId, takeId, sequence, last, user.username(),
                        user.displayName(), capturedAt, container, data));
            }
            floors.afterChunk(montage, user, fence, sequence, last, checked);
            return receipt;
        }
    }

    /** 507 past the person's quota, saying what is used and what the limit is, before anything is published. */
    private static void requireRoom(StorageQuota.Use storage, long bytes) {
        if (!storage.allows(bytes)) {
            ResponseStatusException full = new ResponseStatusException(HttpStatus.INSUFFICIENT_STORAGE,
                    "Your recordings use " + DataSizes.words(storage.usedBytes()) + " of your "
                            + DataSizes.words(storage.limitBytes()) + ". Delete a montage of yours to make room, or "
                            + "ask an administrator for more");
            full.getBody().setProperty("usedBytes", storage.usedBytes());
            full.getBody().setProperty("limitBytes", storage.limitBytes());
            throw full;
        }
    }

    private static Container container(byte[] data) {
        try {
            return ContainerHeader.read(data);
        } catch (ContainerHeader.NotAVideo e) {
            throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
        }
    }

    /**
     * When the browser captured the chunk; absent means now. A shot lasts minutes and a chunk waits in the browser at
     * most for its turn to end, so a time a day old or minutes ahead is a wrong clock or a made-up value.
     */
    private static Instant capturedAt(Long millis) {
        Instant now = Instant.now();
        if (millis == null) {
            return now;
        }
        Instant capturedAt = Instant.ofEpochMilli(millis);
        if (capturedAt.isBefore(now.minus(CAPTURE_PAST)) || capturedAt.isAfter(now.plus(CAPTURE_FUTURE))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "X-Captured-At must be a time in the last "
                    + CAPTURE_PAST.toHours() + " hours (epoch milliseconds); check the device's clock");
        }
        return capturedAt;
    }
}
