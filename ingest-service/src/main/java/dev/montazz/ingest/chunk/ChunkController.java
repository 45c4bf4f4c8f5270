package dev.montazz.ingest.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.regex.Pattern;

import dev.montazz.ingest.IngestProperties;
import dev.montazz.ingest.floor.Floor;
import dev.montazz.ingest.floor.FloorService;
import dev.montazz.ingest.montage.MontageDirectory;
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
 * of their turn. PUT because a re-send of the same chunk is harmless: the answer is the receipt of the stored copy.
 */
@RestController
class ChunkController {

    private static final Pattern TAKE_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final ChunkPublisher publisher;
    private final MontageDirectory montages;
    private final FloorService floors;
    private final IngestProperties properties;

    ChunkController(ChunkPublisher publisher, MontageDirectory montages, FloorService floors,
            IngestProperties properties) {
        this.publisher = publisher;
        this.montages = montages;
        this.floors = floors;
        this.properties = properties;
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
        byte[] data = readBody(request);
        MontageDirectory.MontageRef montage = montages.find(montageId).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no montage " + montageId));
        if (!montage.hasContributor(user.username())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "You are not a contributor of this montage; ask its owner for an invitation");
        }
        Container container = null;
        if (sequence == 0) {
            container = Container.sniff(data).orElseThrow(() -> new ResponseStatusException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The first chunk of a take must be WebM or MP4 video"));
        }
        Instant capturedAt = capturedAtMillis == null ? Instant.now() : Instant.ofEpochMilli(capturedAtMillis);
        Floor checked = floors.beforeChunk(montage, user, fence, takeId, sequence);
        ChunkReceipt receipt = publisher.publish(
                new Chunk(montageId, takeId, sequence, last, user.displayName(), capturedAt, container, data));
        floors.afterChunk(montage, user, fence, sequence, last, checked);
        return receipt;
    }

    /** Reads at most the allowed size, so an oversized body is refused without being buffered whole. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long max = properties.maxChunkSize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        long declared = request.getContentLengthLong();
        try (InputStream in = request.getInputStream()) {
            // With a declared length (browsers and HTTP clients send one) the chunk is read into one array of its
            // size; reading up to the limit instead would copy it through buffers first, on every chunk.
            byte[] data = declared >= 0 ? readDeclared(in, (int) declared) : in.readNBytes((int) max + 1);
            if (data.length > max) {
                throw tooLarge(max);
            }
            if (data.length == 0) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The chunk is empty");
            }
            return data;
        }
    }

    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] data = new byte[length];
        int read = in.readNBytes(data, 0, length);
        if (read < length) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "The chunk ended after " + read + " of its " + length + " bytes; send it again");
        }
        return data;
    }

    private static ResponseStatusException tooLarge(long max) {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                "A chunk may be at most " + (max / 1024) + " KiB; record with a shorter time slice");
    }
}
