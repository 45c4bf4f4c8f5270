package dev.montazz.ingest.chunk;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import dev.montazz.ingest.IngestProperties;
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
 * ({@code /api}) or the studio page ({@code /studio}). Checks the shape of what the URL and headers say, then hands the
 * chunk to {@link ChunkIntake}. PUT because a re-send of the same chunk is harmless: the answer is the receipt of the
 * stored copy.
 */
@RestController
class ChunkController {

    private static final Pattern TAKE_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Duration CAPTURE_PAST = Duration.ofHours(24);
    private static final Duration CAPTURE_FUTURE = Duration.ofMinutes(10);

    private final ChunkIntake intake;
    private final IngestProperties properties;

    ChunkController(ChunkIntake intake, IngestProperties properties) {
        this.intake = intake;
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
        ChunkUpload upload = new ChunkUpload(montageId, takeId, sequence, fence, last, capturedAt(capturedAtMillis));
        return intake.take(upload, user,
                new ChunkBody(request, properties.maxChunkSize().toBytes(), properties.chunkReadTimeout()));
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
