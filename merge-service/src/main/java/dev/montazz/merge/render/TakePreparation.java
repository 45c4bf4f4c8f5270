package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.montazz.merge.take.Take;
import dev.montazz.merge.take.TakeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings a finished take into the film's format once: its chunks assembled, normalised, kept in GridFS with a still,
 * and recorded on the take (replacing what an earlier, shorter version of it left).
 */
@Component
class TakePreparation {

    private static final Logger log = LoggerFactory.getLogger(TakePreparation.class);

    private final TakeRegistry takes;
    private final TakeAssembler assembler;
    private final TakeNormaliser normaliser;
    private final VideoStore videos;

    TakePreparation(TakeRegistry takes, TakeAssembler assembler, TakeNormaliser normaliser, VideoStore videos) {
        this.takes = takes;
        this.assembler = assembler;
        this.normaliser = normaliser;
        this.videos = videos;
    }

    /** Brings a finished take into the film's format and keeps it; returns the take as it now is. */
    Take prepare(Take take, Path dir, RenderProgressEvents.Tracker tracker) throws IOException {
        double before = tracker.done();
        tracker.stage("Preparing the shot by " + take.contributor(), before);
        List<String> problems = new ArrayList<>();
        Optional<Path> recording = assembler.assemble(take, dir, problems);
        String normalisedId = null;
        String thumbnailId = null;
        double seconds = 0;
        if (recording.isPresent()) {
            Path output = dir.resolve(take.fileName() + ".mp4");
            TakeNormaliser.Result result = normaliser.normalise(recording.get(), take.contributor(), output,
                    s -> tracker.report(before + s));
            problems.addAll(result.problems());
            if (result.usable()) {
                seconds = result.seconds();
                normalisedId = videos.uploadTake(output, take.montageId(), take.id(), take.fileName());
                thumbnailId = videos.uploadThumbnail(Thumbnail.of(output, 1.0), take.montageId());
            }
            Files.deleteIfExists(recording.get());
        }
        TakeRegistry.Replaced old = takes.normalised(take.id(), take.lastSequence(), normalisedId, seconds,
                thumbnailId, problems);
        if (old.normalisedId() != null) {
            videos.deleteTake(old.normalisedId());
        }
        if (old.thumbnailId() != null) {
            videos.deleteThumbnail(old.thumbnailId());
        }
        tracker.report(before + estimatedSeconds(take));
        log.info("Take {} by {} normalised: {} s{}", take.id(), take.contributor(), seconds,
                problems.isEmpty() ? "" : " " + problems);
        return take.withNormalised(normalisedId, seconds, thumbnailId, problems);
    }

    /** Known once normalised; before that, the browser sends about a chunk a second. */
    static double estimatedSeconds(Take take) {
        if (take.seconds() != null && !take.needsNormalising()) {
            return take.seconds();
        }
        return take.lastSequence() + 1.0;
    }
}
