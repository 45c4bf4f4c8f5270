package dev.montazz.merge.music;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import dev.montazz.merge.MergeProperties;
import dev.montazz.merge.chunk.UploadChunks;
import dev.montazz.merge.files.MediaFiles;
import dev.montazz.merge.media.MusicProbe;
import dev.montazz.merge.take.RenderRequests;
import dev.montazz.merge.usage.StorageUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The montages' music beds. An upload arrives as chunks (stored like a take's, each before its receipt); its last chunk
 * makes it a file, which is read through to tell whether it is music at all. Music is kept in GridFS and becomes the
 * montage's bed (the one before it goes), its chunks are let go and the film is made again; anything else is refused
 * and every chunk of it let go, so a bad upload changes nothing. Redone safely: the same upload finished twice (a
 * re-sent last chunk, a redelivery after a crash) is answered as kept.
 */
@Component
public class MusicBeds {

    /** The outcome of an upload's last chunk: kept, or why not. */
    public sealed interface Outcome {
        record Kept(MusicBed bed) implements Outcome {
        }

        record Refused(String reason) implements Outcome {
        }
    }

    /**
     * An upload whose last chunk has just been stored.
     *
     * @param uploadKey the chunks' take key: montage, uploader and the upload's id
     */
    public record Upload(String montageId, String uploadKey, String musicId, int lastSequence, String uploadedBy,
            String fileName) {
    }

    private static final Logger log = LoggerFactory.getLogger(MusicBeds.class);
    private static final int LONGEST_NAME = 200;

    private final MongoTemplate mongo;
    private final MediaFiles files;
    private final StorageUsage usage;
    private final RenderRequests renders;
    private final MusicProperties properties;
    private final UploadChunks chunks;
    private final Path workDir;

    MusicBeds(MongoTemplate mongo, MediaFiles files, StorageUsage usage, RenderRequests renders,
            MusicProperties properties, UploadChunks chunks, MergeProperties merge) {
        this.chunks = chunks;
        this.mongo = mongo;
        this.files = files;
        this.usage = usage;
        this.renders = renders;
        this.properties = properties;
        this.workDir = merge.workDir();
    }

    /** The montage's bed, if it has one. */
    public Optional<MusicBed> of(String montageId) {
        return Optional.ofNullable(mongo.findById(montageId, MusicBed.class));
    }

    /** Makes the upload's chunks a file, keeps it if it is music, and lets the chunks go either way. */
    public Outcome finish(Upload upload) throws IOException {
        Optional<MusicBed> current = of(upload.montageId());
        if (current.isPresent() && current.get().musicId().equals(upload.musicId())) {
            // Kept already: what is stored now was sent again after a lost answer, and counts for nothing.
            letChunksGo(upload, chunks.storedBytes(upload.uploadKey(), upload.lastSequence()));
            return new Outcome.Kept(current.get());
        }
        Files.createDirectories(workDir);
        Path dir = Files.createTempDirectory(workDir, "music-");
        try {
            Path file = dir.resolve("upload");
            long bytes = chunks.assemble(upload.uploadKey(), upload.lastSequence(), file);
            Outcome outcome = bytes < 0 ? new Outcome.Refused("Parts of this upload are missing: upload it again")
                    : bytes > properties.maxSize().toBytes()
                            ? new Outcome.Refused("It is larger than " + properties.maxSize().toMegabytes()
                                    + " MB: upload a smaller file")
                            : keep(upload, file, bytes, current);
            letChunksGo(upload, outcome instanceof Outcome.Refused ? Math.max(bytes, 0) : 0);
            return outcome;
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    private Outcome keep(Upload upload, Path file, long bytes, Optional<MusicBed> previous) throws IOException {
        MusicProbe.Facts facts;
        try {
            facts = MusicProbe.probe(file, properties.longest());
        } catch (MusicProbe.NotMusic refused) {
            log.info("Music for montage {} refused: {}", upload.montageId(), refused.getMessage());
            return new Outcome.Refused(refused.getMessage());
        }
        String name = name(upload.fileName());
        String fileId = files.uploadMusic(file, upload.montageId(), name);
        MusicBed bed = new MusicBed(upload.montageId(), upload.musicId(), name, facts.seconds(), facts.loudness(),
                bytes, fileId, upload.uploadedBy(), Instant.now());
        mongo.save(bed);
        previous.ifPresent(old -> {
            files.deleteMusic(old.fileId());
            usage.released(old.uploadedBy(), old.montageId(), old.bytes());
        });
        log.info("Montage {} has music: {} ({} {}, {} s, {} LUFS)", upload.montageId(), name, facts.format(),
                facts.codec(), Math.round(facts.seconds()), Math.round(facts.loudness()));
        renders.request(upload.montageId(), "music uploaded");
        return new Outcome.Kept(bed);
    }

    /** @param released bytes that no longer count in the uploader's storage (a refused upload's) */
    private void letChunksGo(Upload upload, long released) {
        chunks.remove(upload.uploadKey(), upload.lastSequence());
        if (released > 0) {
            usage.released(upload.uploadedBy(), upload.montageId(), released);
        }
    }

    /** What a person's device called the file, made safe to show: no paths, no control characters, not too long. */
    static String name(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.length() > LONGEST_NAME) {
            name = name.substring(0, LONGEST_NAME);
        }
        return name.isEmpty() ? "Music" : name;
    }
}
