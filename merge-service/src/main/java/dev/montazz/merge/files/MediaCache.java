package dev.montazz.merge.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Copies on merge's own disk of media that never changes once made: normalised takes (by their GridFS id) and title
 * cards (by what they show). A render that joins kept takes again, which is what most of the owner's edits ask for,
 * then reads them from disk instead of fetching a whole film's worth from MongoDB, and makes no title card it made
 * before. GridFS stays the truth: an entry is only ever what GridFS holds or what would be made again the same, so a
 * lost cache, or an instance without it, costs time and never changes a film.
 * <p>
 * Entries are named {@code <montage id>.<key>.mp4}, so a montage's entries go with it (what people gave must not stay
 * behind anywhere once a montage or account is deleted). Past the size limit the least recently used go first. A
 * reader gets a hard link (a copy where links do not work) in its own directory, so an entry evicted meanwhile stays
 * whole for it; an entry is written under a temporary name and renamed, so no reader ever sees half of one.
 */
@Component
public class MediaCache {

    private static final Logger log = LoggerFactory.getLogger(MediaCache.class);
    /** What may be part of a file name: montage ids, GridFS ids and title card keys are all of these. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final String ENTRY = ".mp4";
    private static final String UNFINISHED = ".part";

    private final Path dir;
    private final long maxBytes;
    private final Counter hits;
    private final Counter misses;

    MediaCache(MediaCacheProperties properties, MeterRegistry meters) throws IOException {
        this.dir = properties.dir();
        this.maxBytes = properties.maxSize().toBytes();
        this.hits = Counter.builder("montazz.media.cache").tag("result", "hit")
                .description("Media a render found on the instance's disk").register(meters);
        this.misses = Counter.builder("montazz.media.cache").tag("result", "miss")
                .description("Media a render had to fetch or make").register(meters);
        Files.createDirectories(dir);
        // What a crash left half-written is of no use to anyone.
        removeAll(name -> name.endsWith(UNFINISHED));
    }

    /**
     * Puts the cached entry at {@code target}; false (and nothing at {@code target}) when there is none, so the caller
     * fetches or makes it.
     */
    public boolean copyTo(String montageId, String key, Path target) throws IOException {
        if (!cacheable(montageId, key)) {
            return false;
        }
        Path entry = entry(montageId, key);
        try {
            link(entry, target);
        } catch (NoSuchFileException notCached) {
            misses.increment();
            return false;
        }
        try {
            // Last used now, so eviction takes it last.
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
        } catch (IOException evictedMeanwhile) {
            log.debug("Cache entry {} went while it was read", entry.getFileName());
        }
        hits.increment();
        return true;
    }

    /**
     * Keeps a copy of this finished file, which is left as it is and must not change afterwards (a link is kept where
     * links work). A cache that cannot keep it says so in the log and goes on: the file is in GridFS.
     */
    public void keep(String montageId, String key, Path file) {
        if (maxBytes == 0 || !cacheable(montageId, key)) {
            return;
        }
        Path temporary = dir.resolve(UUID.randomUUID() + UNFINISHED);
        try {
            link(file, temporary);
            Files.move(temporary, entry(montageId, key), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            evictPastLimit();
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not keep {} of montage {} on disk: {}", key, montageId, e.toString());
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Removed at the next start.
            }
        }
    }

    /** Keeps this entry as the montage's only one whose key starts with {@code kind} (its one title card). */
    public void keepOnly(String montageId, String kind, String key, Path file) {
        if (!cacheable(montageId, key)) {
            return;
        }
        String keep = entry(montageId, key).getFileName().toString();
        String prefix = montageId + "." + kind;
        removeAll(name -> name.startsWith(prefix) && !name.equals(keep));
        keep(montageId, key, file);
    }

    /** Forgets every entry of the montage. */
    public void forgetMontage(String montageId) {
        removeAll(name -> name.startsWith(montageId + "."));
    }

    /** Forgets the entry with this key, whichever montage it is of (a GridFS id names one file only). */
    public void forget(String key) {
        if (key != null) {
            removeAll(name -> name.endsWith("." + key + ENTRY));
        }
    }

    /** An entry as kept: whose it is, which, and when it was last used. */
    public record Entry(String montageId, String key, Instant lastUsed) {
    }

    /** What is kept now (entries forgotten meanwhile may still be listed). */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ENTRY)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String[] parts = name.substring(0, name.length() - ENTRY.length()).split("\\.");
                if (parts.length != 2) {
                    continue;
                }
                try {
                    entries.add(new Entry(parts[0], parts[1], Files.getLastModifiedTime(file).toInstant()));
                } catch (NoSuchFileException goneMeanwhile) {
                    // Forgotten by another thread.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list merge's media cache in " + dir, e);
        }
        return entries;
    }

    /** Forgets this one entry. */
    public void forget(Entry entry) {
        if (cacheable(entry.montageId(), entry.key())) {
            try {
                Files.deleteIfExists(entry(entry.montageId(), entry.key()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not remove " + entry + " from merge's media cache", e);
            }
        }
    }

    private static boolean cacheable(String montageId, String key) {
        return montageId != null && key != null && NAME.matcher(montageId).matches() && NAME.matcher(key).matches();
    }

    private Path entry(String montageId, String key) {
        return dir.resolve(montageId + "." + key + ENTRY);
    }

    private static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (NoSuchFileException missing) {
            throw missing;
        } catch (IOException | UnsupportedOperationException | SecurityException noLink) {
            // Another file system than the work directory's, or links not allowed there.
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the least recently used entries until what is kept fits the limit. */
    private synchronized void evictPastLimit() throws IOException {
        record Kept(Path path, long bytes, FileTime used) {
        }
        List<Kept> kept = new ArrayList<>();
        long total = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + ENTRY)) {
            for (Path entry : entries) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                    kept.add(new Kept(entry, attributes.size(), attributes.lastModifiedTime()));
                    total += attributes.size();
                } catch (NoSuchFileException goneMeanwhile) {
                    // Forgotten by another thread.
                }
            }
        }
        if (total <= maxBytes) {
            return;
        }
        kept.sort(Comparator.comparing(Kept::used));
        for (Kept entry : kept) {
            if (total <= maxBytes) {
                break;
            }
            Files.deleteIfExists(entry.path());
            total -= entry.bytes();
        }
    }

    private void removeAll(Predicate<String> names) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (names.test(entry.getFileName().toString())) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clear merge's media cache in " + dir, e);
        }
    }
}
