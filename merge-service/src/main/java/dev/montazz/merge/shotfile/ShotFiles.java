package dev.montazz.merge.shotfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.montazz.merge.MergeProperties;
import dev.montazz.merge.chunk.UploadChunks;
import dev.montazz.merge.media.ShotFileProbe;
import dev.montazz.merge.take.RenderRequests;
import dev.montazz.merge.take.Take;
import dev.montazz.merge.take.TakeRegistry;
import dev.montazz.merge.usage.StorageUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Shots from files. An upload arrives as chunks (stored like a take's, each before its receipt); its last chunk makes
 * it a file, which is read to tell whether it can be a shot. One that can becomes a take like a recorded one: its
 * chunks are the take's, it is normalised and joins the film where its last chunk is on the partition (it was
 * finished then, whenever it began). Anything else is refused and every chunk of it let go, so a bad upload changes
 * nothing. Redone safely: the same upload finished twice (a re-sent last chunk, a redelivery) is answered as taken.
 */
@Component
public class ShotFiles {

    /**
     * An upload whose last chunk has just been stored.
     *
     * @param uploadKey the chunks' take key: montage, uploader and the upload's id; the take's id once it is one
     * @param longest the montage's longest shot, as ingest told it
     * @param partition where the last chunk is, which places the shot among the takes
     */
    public record Upload(String montageId, String uploadKey, int lastSequence, String contributorId,
            String contributor, Duration longest, int partition, long offset) {
    }

    private static final Logger log = LoggerFactory.getLogger(ShotFiles.class);

    private final MongoTemplate mongo;
    private final UploadChunks chunks;
    private final TakeRegistry takes;
    private final RenderRequests renders;
    private final StorageUsage usage;
    private final ShotFileProperties properties;
    private final Path workDir;

    ShotFiles(MongoTemplate mongo, UploadChunks chunks, TakeRegistry takes, RenderRequests renders,
            StorageUsage usage, ShotFileProperties properties, MergeProperties merge) {
        this.mongo = mongo;
        this.chunks = chunks;
        this.takes = takes;
        this.renders = renders;
        this.usage = usage;
        this.properties = properties;
        this.workDir = merge.workDir();
    }

    /** Makes the upload a take when it reads as a shot; returns why not otherwise (and lets its chunks go). */
    public Optional<String> finish(Upload upload) throws IOException {
        if (mongo.findById(upload.uploadKey(), Take.class) != null) {
            return Optional.empty();
        }
        Files.createDirectories(workDir);
        Path dir = Files.createTempDirectory(workDir, "shot-file-");
        try {
            Path file = dir.resolve("upload");
            long bytes = chunks.assemble(upload.uploadKey(), upload.lastSequence(), file);
            String refused = bytes < 0 ? "Parts of this upload are missing: upload it again"
                    : bytes > properties.maxSize().toBytes()
                            ? "It is larger than " + properties.maxSize().toMegabytes() + " MB: upload a smaller file"
                            : take(upload, file);
            if (refused != null) {
                chunks.remove(upload.uploadKey(), upload.lastSequence());
                usage.released(upload.contributorId(), upload.montageId(), Math.max(bytes, 0));
                log.info("A shot from a file for montage {} by {} refused: {}", upload.montageId(),
                        upload.contributorId(), refused);
            }
            return Optional.ofNullable(refused);
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    private String take(Upload upload, Path file) {
        ShotFileProbe.Facts facts;
        try {
            facts = ShotFileProbe.probe(file, upload.longest());
        } catch (ShotFileProbe.NotAShot refused) {
            return refused.getMessage();
        }
        takes.started(upload.montageId(), upload.uploadKey(), upload.contributorId(), upload.contributor(),
                facts.container(), Instant.now(), upload.partition(), upload.offset());
        takes.finished(upload.uploadKey(), upload.lastSequence());
        log.info("Montage {} has a shot from a file by {}: {} s, {}x{} {}", upload.montageId(), upload.contributorId(),
                Math.round(facts.seconds()), facts.width(), facts.height(), facts.container());
        renders.request(upload.montageId(), "a shot from a file");
        return null;
    }
}
