package dev.montazz.ingest.chunk;

import dev.montazz.ingest.Refusal;

/**
 * An uploaded file, read whole by merge-service, is not what was uploaded (not music, say); nothing of it was kept. The
 * reason says what a person can do.
 */
public class UploadUnreadable extends Refusal {

    UploadUnreadable(String reason) {
        super(reason);
    }
}
