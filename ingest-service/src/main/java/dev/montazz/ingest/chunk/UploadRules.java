package dev.montazz.ingest.chunk;

import java.util.function.Predicate;

import dev.montazz.contract.chunk.ChunkKind;
import dev.montazz.ingest.IngestProperties;
import org.springframework.stereotype.Component;

/**
 * What each kind of file upload may be, told as early as it can be: who may send it, what its first part must start
 * like, and how large it may grow (chunks are at most a part's size, so a sequence number past what the largest file
 * needs is refused before its bytes are read). merge-service reads the whole file before keeping it.
 */
@Component
class UploadRules {

    /** The browser sends a file in parts of this size; a script may send smaller ones, within the count. */
    static final long PART_BYTES = 1024 * 1024;

    /**
     * @param ownerOnly whether only the montage's owner may send it (else every contributor, the owner among them)
     * @param looksRight whether a first part starts like a file of this kind
     * @param notThisKind what a person is told when it does not
     * @param what what the file is, in words, to begin a sentence
     */
    record Rules(ChunkKind kind, boolean ownerOnly, long maxBytes, Predicate<byte[]> looksRight, String notThisKind,
            String what) {

        void requireWithin(int sequence) {
            long parts = (maxBytes + PART_BYTES - 1) / PART_BYTES;
            if (sequence >= parts) {
                throw new UploadTooLarge(what + " may be at most " + maxBytes / (1024 * 1024) + " MB, sent in parts "
                        + "of 1 MB: upload a smaller file");
            }
        }
    }

    private final Rules music;
    private final Rules shotFile;

    UploadRules(IngestProperties properties) {
        this.music = new Rules(ChunkKind.MUSIC, true, properties.maxMusicSize().toBytes(), MagicBytes::looksLikeSound,
                "This is not a sound file. Upload MP3, AAC (M4A), Opus or Vorbis (Ogg), WAV or FLAC", "Music");
        this.shotFile = new Rules(ChunkKind.FILE, false, properties.maxShotFileSize().toBytes(),
                MagicBytes::looksLikeVideo, "This is not a video file. Upload WebM, MP4 or MOV", "A video");
    }

    Rules music() {
        return music;
    }

    Rules shotFile() {
        return shotFile;
    }
}
