package dev.montazz.ingest.chunk;

import java.io.IOException;
import java.util.regex.Pattern;

import dev.montazz.ingest.IngestProperties;
import dev.montazz.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Uploads of files in parts, from scripts ({@code /api}) or the studio's pages ({@code /studio}), each part
 * {@code PUT …/{upload}/chunks/{seq}?last=&name=} with its bytes as the body; the last part names the file. PUT because
 * a re-sent part is harmless: the answer is the receipt of the stored copy.
 * <ul>
 * <li>{@code …/montages/{montage}/music/…}: the owner's music bed;</li>
 * <li>{@code …/montages/{montage}/files/…}: a shot from a video file, by any contributor.</li>
 * </ul>
 */
@RestController
class UploadController {

    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final int LONGEST_NAME = 200;

    private final UploadIntake intake;
    private final UploadRules rules;
    private final IngestProperties properties;

    UploadController(UploadIntake intake, UploadRules rules, IngestProperties properties) {
        this.intake = intake;
        this.rules = rules;
        this.properties = properties;
    }

    @PutMapping({"/api/montages/{montageId}/music/{uploadId}/chunks/{sequence}",
            "/studio/montages/{montageId}/music/{uploadId}/chunks/{sequence}"})
    ChunkReceipt music(@PathVariable String montageId, @PathVariable String uploadId, @PathVariable int sequence,
            @RequestParam(defaultValue = "false") boolean last, @RequestParam(required = false) String name,
            CurrentUser user, HttpServletRequest request) throws IOException {
        return put(rules.music(), montageId, uploadId, sequence, last, name, user, request);
    }

    @PutMapping({"/api/montages/{montageId}/files/{uploadId}/chunks/{sequence}",
            "/studio/montages/{montageId}/files/{uploadId}/chunks/{sequence}"})
    ChunkReceipt shotFile(@PathVariable String montageId, @PathVariable String uploadId, @PathVariable int sequence,
            @RequestParam(defaultValue = "false") boolean last, @RequestParam(required = false) String name,
            CurrentUser user, HttpServletRequest request) throws IOException {
        return put(rules.shotFile(), montageId, uploadId, sequence, last, name, user, request);
    }

    private ChunkReceipt put(UploadRules.Rules kind, String montageId, String uploadId, int sequence, boolean last,
            String name, CurrentUser user, HttpServletRequest request) throws IOException {
        if (!UPLOAD_ID.matcher(uploadId).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "An upload id is 8 to 64 letters, digits, '-' or '_' (a UUID works)");
        }
        if (sequence < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Sequence numbers start at 0");
        }
        if (last && (name == null || name.isBlank() || name.length() > LONGEST_NAME)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "The last part names the file (name=, 1 to " + LONGEST_NAME + " characters)");
        }
        return intake.take(kind, new UploadIntake.UploadChunk(montageId, uploadId, sequence, last, name), user,
                new ChunkBody(request, Math.min(properties.maxChunkSize().toBytes(), UploadRules.PART_BYTES),
                        properties.chunkReadTimeout()));
    }
}
