package dev.montazz.ingest.web;

import java.time.Duration;
import java.util.Map;

import dev.montazz.ingest.Refusal;
import dev.montazz.ingest.chunk.ChunkRejected;
import dev.montazz.ingest.chunk.NotAVideo;
import dev.montazz.ingest.chunk.UploadTooLarge;
import dev.montazz.ingest.chunk.UploadUnreadable;
import dev.montazz.ingest.chunk.StorageUnavailable;
import dev.montazz.ingest.chunk.TooManyUploads;
import dev.montazz.ingest.floor.FloorBusy;
import dev.montazz.ingest.floor.FloorRefusal;
import dev.montazz.ingest.montage.NoSuchMontage;
import dev.montazz.ingest.montage.NotAContributor;
import dev.montazz.ingest.montage.NotTheOwner;
import dev.montazz.ingest.usage.QuotaExceeded;
import org.springframework.http.HttpStatus;

/**
 * The one place where ingest's domain refusals become HTTP answers, for the API's problem documents and the studio's
 * error page alike. Busy and unavailable are 503 with a {@code Retry-After}: nothing changed, and sending again will do.
 *
 * @param properties extra members of the problem document
 * @param retryAfter when trying again makes sense; null when it does not
 */
public record Refusals(HttpStatus status, String detail, Map<String, Object> properties, Duration retryAfter) {

    private static final Duration SOON = Duration.ofSeconds(1);

    public static Refusals of(Refusal e) {
        if (e instanceof FloorRefusal refusal) {
            return new Refusals(HttpStatus.CONFLICT, refusal.getMessage(),
                    refusal.expectedSequence() == null ? Map.of()
                            : Map.of("expectedSequence", refusal.expectedSequence()), null);
        }
        if (e instanceof FloorBusy || e instanceof StorageUnavailable) {
            return new Refusals(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), Map.of(), SOON);
        }
        if (e instanceof QuotaExceeded full) {
            return new Refusals(HttpStatus.INSUFFICIENT_STORAGE, full.getMessage(),
                    Map.of("usedBytes", full.usedBytes(), "limitBytes", full.limitBytes()), null);
        }
        if (e instanceof NoSuchMontage) {
            return simple(HttpStatus.NOT_FOUND, e);
        }
        if (e instanceof NotAContributor || e instanceof NotTheOwner) {
            return simple(HttpStatus.FORBIDDEN, e);
        }
        if (e instanceof ChunkRejected) {
            return simple(HttpStatus.CONFLICT, e);
        }
        if (e instanceof NotAVideo || e instanceof UploadUnreadable) {
            return simple(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e);
        }
        if (e instanceof UploadTooLarge) {
            return simple(HttpStatus.CONTENT_TOO_LARGE, e);
        }
        if (e instanceof TooManyUploads) {
            return new Refusals(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), Map.of(), SOON);
        }
        // A refusal nobody mapped yet is still not the platform's fault: the person may try again.
        return new Refusals(HttpStatus.CONFLICT, e.getMessage(), Map.of(), null);
    }

    private static Refusals simple(HttpStatus status, Refusal e) {
        return new Refusals(status, e.getMessage(), Map.of(), null);
    }
}
