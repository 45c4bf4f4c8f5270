package dev.montazz.portal.video;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.render.FilmPiece;
import dev.montazz.contract.render.RenderView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Copies of films on the portal's own disk, so that a film is sent from a file (by the operating system, see
 * {@link FileSender}) rather than read from MongoDB a GridFS chunk at a time, which is what made serving slow. A film
 * never changes once made (a re-render is a new file with a new id), so a copy named by its GridFS id is the film or
 * nothing: the first viewer of a film is served from GridFS while the copy is made in the background, later viewers
 * from the copy.
 * <p>
 * A copy is written under a temporary name and renamed when whole, so nothing half-made is ever sent. Past the size
 * limit the least recently watched go, never one watched in the last minute (a send may be about to open it). Copies of
 * a film that is no longer its montage's (re-rendered, or the montage deleted) are removed within a sweep, so what
 * people took back does not stay behind on any instance's disk. Copies left from a previous run are removed at start:
 * the portal does not know which of them are still films.
 */
@Component
class FilmCopies {

    private static final Logger log = LoggerFactory.getLogger(FilmCopies.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");
    private static final Pattern MONTAGE = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final String FILM = ".mp4";
    private static final String UNFINISHED = ".part";
    /** A copy watched this recently is not evicted: a send may not have opened it yet. */
    private static final Duration IN_USE = Duration.ofMinutes(1);

    /** One film's copy. */
    private static final class Copy {
        final String montageId;
        final Path path;
        final long bytes;
        /** Where each of the film's pieces begins in the copy. */
        final Map<FilmPiece, Long> pieces;
        volatile Instant lastWatched;

        Copy(String montageId, Path path, long bytes, Map<FilmPiece, Long> pieces, Instant lastWatched) {
            this.montageId = montageId;
            this.path = path;
            this.bytes = bytes;
            this.pieces = pieces;
            this.lastWatched = lastWatched;
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final Map<String, Copy> copies = new ConcurrentHashMap<>();
    private final Set<String> copying = ConcurrentHashMap.newKeySet();
    /** One copy at a time: a burst of new films must not take every core and disk from the viewers. */
    private final ExecutorService copier = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "film-copier");
        thread.setDaemon(true);
        return thread;
    });

    private final Counter fromDisk;
    private final Counter fromMongo;

    FilmCopies(FilmCopiesProperties properties, MongoTemplate mongo, Clock clock, MeterRegistry meters)
            throws IOException {
        this.fromDisk = Counter.builder("montazz.films.served").tag("from", "disk")
                .description("Films (or parts) sent from the instance's copy").register(meters);
        this.fromMongo = Counter.builder("montazz.films.served").tag("from", "mongodb")
                .description("Films (or parts) sent from GridFS, no copy on disk yet").register(meters);
        this.dir = properties.dir();
        this.maxBytes = properties.maxSize().toBytes();
        this.mongo = mongo;
        this.clock = clock;
        Files.createDirectories(dir);
        removeAll(name -> name.endsWith(FILM) || name.endsWith(UNFINISHED));
    }

    /**
     * The copy of this film of the montage when there is one; otherwise empty, and a copy is on its way unless the
     * film is larger than all copies may be.
     */
    Optional<Path> of(String montageId, StoredFilm film) {
        String id = film.id();
        Copy copy = copies.get(id);
        if (copy != null && copy.montageId.equals(montageId)) {
            if (Files.isReadable(copy.path)) {
                copy.lastWatched = clock.instant();
                fromDisk.increment();
                return Optional.of(copy.path);
            }
            // Removed from under the portal (another instance given the same folder): made again.
            copies.remove(id, copy);
            copy = null;
        }
        if (copy == null && film.contentLength() <= maxBytes && MONTAGE.matcher(montageId).matches()
                && ID.matcher(id).matches() && copying.add(id)) {
            copier.execute(() -> {
                try {
                    copy(montageId, film);
                } finally {
                    copying.remove(id);
                }
            });
        }
        fromMongo.increment();
        return Optional.empty();
    }

    private void copy(String montageId, StoredFilm stored) {
        String id = stored.id();
        Path temporary = dir.resolve(id + UNFINISHED);
        Path film = dir.resolve(montageId + "." + id + FILM);
        long started = System.nanoTime();
        // A film in pieces shares most of them with the montage's film before it: those are copied from its copy.
        Optional<Copy> earlier = copies.values().stream().filter(copy -> copy.montageId.equals(montageId))
                .max(Comparator.comparing(copy -> copy.lastWatched));
        Map<FilmPiece, Long> positions = new HashMap<>();
        long fromEarlier = 0;
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (FilmPiece piece : stored.pieces()) {
                    long at = out.position();
                    positions.putIfAbsent(piece, at);
                    if (earlier.isPresent() && copyFrom(earlier.get(), piece, out)) {
                        fromEarlier += piece.length();
                        continue;
                    }
                    out.position(at);
                    try (InputStream in = stored.open(piece)) {
                        copy(in, out, piece.length());
                    }
                    out.truncate(at + piece.length());
                }
            }
            long bytes = Files.size(temporary);
            if (bytes != stored.contentLength()) {
                throw new IOException("read " + bytes + " of " + stored.contentLength() + " bytes");
            }
            Files.move(temporary, film, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            copies.put(id, new Copy(montageId, film, bytes, Map.copyOf(positions), clock.instant()));
            log.info("Copied film {} of montage {} to disk ({} MB, {} MB of it from its earlier copy, in {} ms)", id,
                    montageId, bytes >> 20, fromEarlier >> 20, (System.nanoTime() - started) / 1_000_000);
            evictPastLimit();
        } catch (IOException | RuntimeException e) {
            // Served from MongoDB as before; tried again by its next viewer.
            log.warn("Could not copy film {} of montage {} to disk: {}", id, montageId, e.toString());
            delete(temporary);
        }
    }

    private static void copy(InputStream in, FileChannel out, long bytes) throws IOException {
        OutputStream to = Channels.newOutputStream(out);
        byte[] buffer = new byte[1 << 16];
        long left = bytes;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException((bytes - left) + " of a piece's " + bytes + " bytes");
            }
            to.write(buffer, 0, read);
            left -= read;
        }
    }

    /**
     * Copies the piece from the earlier copy that has it, disk to disk; false when that copy has not got it or is gone
     * meanwhile (evicted, swept), and the piece is then read from GridFS.
     */
    private static boolean copyFrom(Copy earlier, FilmPiece piece, FileChannel out) {
        Long from = earlier.pieces.get(piece);
        if (from == null) {
            return false;
        }
        try (FileChannel in = FileChannel.open(earlier.path, StandardOpenOption.READ)) {
            long done = 0;
            while (done < piece.length()) {
                long sent = in.transferTo(from + done, piece.length() - done, out);
                if (sent <= 0) {
                    return false;
                }
                done += sent;
            }
            return true;
        } catch (IOException gone) {
            return false;
        }
    }

    /** The least recently watched go until the copies fit, sparing those watched within the last minute. */
    private synchronized void evictPastLimit() {
        long total = copies.values().stream().mapToLong(copy -> copy.bytes).sum();
        Instant inUse = clock.instant().minus(IN_USE);
        List<Map.Entry<String, Copy>> oldestFirst = copies.entrySet().stream()
                .sorted(Comparator.comparing(entry -> entry.getValue().lastWatched)).toList();
        for (Map.Entry<String, Copy> entry : oldestFirst) {
            if (total <= maxBytes || entry.getValue().lastWatched.isAfter(inUse)) {
                return;
            }
            forget(entry.getKey());
            total -= entry.getValue().bytes;
        }
    }

    /** Removes the copies of films that are no longer their montage's film. */
    @Scheduled(fixedDelayString = "${montazz.portal.film-copies.sweep-interval}")
    void sweep() {
        for (Map.Entry<String, Copy> entry : copies.entrySet()) {
            Query render = Query.query(Criteria.where("_id").is(entry.getValue().montageId));
            render.fields().include("videoId");
            RenderView current = mongo.findOne(render, RenderView.class, MongoCollections.RENDERS);
            if (current == null || !entry.getKey().equals(current.videoId())) {
                forget(entry.getKey());
            }
        }
    }

    private void forget(String id) {
        Copy copy = copies.remove(id);
        if (copy != null) {
            delete(copy.path);
        }
    }

    /** How many bytes the copies take now. */
    long bytes() {
        return copies.values().stream().mapToLong(copy -> copy.bytes).sum();
    }

    @PreDestroy
    void stop() {
        copier.shutdownNow();
    }

    private void removeAll(java.util.function.Predicate<String> names) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (names.test(file.getFileName().toString())) {
                    delete(file);
                }
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", file, e.toString());
        }
    }
}
