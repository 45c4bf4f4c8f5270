package dev.montazz.merge.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.montazz.contract.montage.Framing;
import dev.montazz.merge.files.GrowingUpload;
import dev.montazz.merge.files.MediaFiles;
import dev.montazz.merge.media.TakeNormaliser;
import dev.montazz.merge.media.Thumbnail;
import dev.montazz.merge.take.TakeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One take being normalised as it is recorded, on a thread of its own that mostly waits for the next chunk, its copy
 * going into GridFS as it is encoded ({@link GrowingUpload}). The copy is kept (its file in GridFS named, and on the
 * take) only when the whole take was read; given up, it leaves nothing behind and the take is normalised from its
 * chunks when it ends, as ever.
 */
final class TakeInProgress {

    private static final Logger log = LoggerFactory.getLogger(TakeInProgress.class);

    /** What was made and kept, from the take's chunks up to {@code lastSequence}. */
    record Made(int lastSequence, String normalisedId, double seconds, String thumbnailId, List<String> problems,
            Framing framing, Instant at) {
    }

    private final String montageId;
    private final String takeId;
    private final String contributor;
    private final Framing framing;
    private final ChunkStream chunks;
    private final CompletableFuture<Optional<Made>> made = new CompletableFuture<>();
    private volatile Instant doneAt;

    TakeInProgress(String montageId, String takeId, String contributor, Framing framing, ChunkStream chunks) {
        this.montageId = montageId;
        this.takeId = takeId;
        this.contributor = contributor;
        this.framing = framing;
        this.chunks = chunks;
    }

    void start(Path dir, TakeNormaliser normaliser, MediaFiles files, TakeRegistry takes) {
        Thread thread = new Thread(() -> run(dir, normaliser, files, takes), "normalise-" + takeId);
        thread.setDaemon(true);
        thread.start();
    }

    /** News from the chunk store. */
    void stored(int sequence, boolean last) {
        chunks.stored(sequence, last);
    }

    /** The take ends at this chunk, whatever news said or did not say. */
    void endsAt(int lastSequence) {
        chunks.stored(lastSequence, true);
    }

    CompletableFuture<Optional<Made>> made() {
        return made;
    }

    Framing framing() {
        return framing;
    }

    /** When it was kept or given up; null while it goes on. */
    Instant doneAt() {
        return doneAt;
    }

    /** Gives up: the reading fails, and nothing is kept. */
    void stop() {
        chunks.close();
    }

    private void run(Path dir, TakeNormaliser normaliser, MediaFiles files, TakeRegistry takes) {
        Path output = dir.resolve(takeId.replace('/', '+') + "-" + Thread.currentThread().getId() + ".mp4");
        Optional<Made> result = Optional.empty();
        long started = System.nanoTime();
        // Into GridFS as it is encoded: at the take's end only the last of it is left to store.
        GrowingUpload upload = files.growingTake(output, montageId, takeId, takeId.replace('/', '+'));
        try {
            TakeNormaliser.Result normalised = normaliser.normaliseAsRecorded(chunks, takeId, contributor, framing,
                    output);
            if (!chunks.whole()) {
                upload.abandon();
                log.info("Take {} was not read whole while recorded; it is normalised when it ends", takeId);
            } else {
                long encoded = System.nanoTime();
                result = keep(normalised, upload, files, takes);
                log.info("Take {} by {} normalised as it was recorded: {} s; its end read {} ms after it was known, "
                        + "encoded {} ms after, kept {} ms after", takeId, contributor, normalised.seconds(),
                        (chunks.endedAt() - chunks.endKnownAt()) / 1_000_000, (encoded - chunks.endedAt()) / 1_000_000,
                        (System.nanoTime() - encoded) / 1_000_000);
            }
        } catch (IOException | RuntimeException e) {
            upload.abandon();
            log.info("Normalising take {} as it was recorded stopped after {} ms: {}; it is normalised when it ends",
                    takeId, (System.nanoTime() - started) / 1_000_000, e.toString());
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                log.debug("Could not remove {}", output, e);
            }
            doneAt = Instant.now();
            made.complete(result);
        }
    }

    private Optional<Made> keep(TakeNormaliser.Result normalised, GrowingUpload upload, MediaFiles files,
            TakeRegistry takes) throws IOException {
        int last = chunks.lastSequence();
        String normalisedId = null;
        String thumbnailId = null;
        if (normalised.usable()) {
            CompletableFuture<byte[]> still = Thumbnail.meanwhile(upload.file(), 1.0);
            normalisedId = files.finishTake(upload);
            thumbnailId = files.uploadThumbnail(Thumbnail.made(still), montageId);
        } else {
            upload.abandon();
        }
        Optional<TakeRegistry.Replaced> replaced = takes.normalisedIfFirst(takeId, last, normalisedId,
                normalised.seconds(), thumbnailId, normalised.problems(), framing);
        if (replaced.isEmpty()) {
            // Made meanwhile by a render that did not wait, or the take went: this copy is nobody's.
            files.deleteTake(normalisedId);
            files.deleteThumbnail(thumbnailId);
            return Optional.empty();
        }
        files.retireTake(montageId, replaced.get().normalisedId());
        files.deleteThumbnail(replaced.get().thumbnailId());
        return Optional.of(new Made(last, normalisedId, normalised.seconds(), thumbnailId, normalised.problems(),
                framing, replaced.get().normalisedAt()));
    }
}
