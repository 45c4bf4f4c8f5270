package dev.montazz.ingest.chunk;

import dev.montazz.ingest.IngestProperties;
import org.springframework.stereotype.Component;

/**
 * How large a music upload may grow, told as early as it can be: chunks are at most the chunk size, so a sequence
 * number past what the largest file needs is refused before its bytes are read. merge-service checks the whole.
 */
@Component
class MusicUploads {

    /** The browser sends a music file in parts of this size; a script may send smaller ones, within the count. */
    static final long PART_BYTES = 1024 * 1024;

    private final long maxBytes;

    MusicUploads(IngestProperties properties) {
        this.maxBytes = properties.maxMusicSize().toBytes();
    }

    long maxBytes() {
        return maxBytes;
    }

    void requireWithin(int sequence) {
        long parts = (maxBytes + PART_BYTES - 1) / PART_BYTES;
        if (sequence >= parts) {
            throw new UploadTooLarge("Music may be at most " + maxBytes / (1024 * 1024) + " MB, sent in parts of 1 "
                    + "MB: upload a smaller file");
        }
    }
}
