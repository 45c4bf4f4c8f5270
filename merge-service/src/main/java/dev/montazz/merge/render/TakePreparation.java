package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.montazz.contract.montage.FilmEdit;
import dev.montazz.contract.montage.Framing;
import dev.montazz.merge.chunk.TakeAssembler;
import dev.montazz.merge.files.MediaFiles;
import dev.montazz.merge.media.TakeNormaliser;
import dev.montazz.merge.media.Thumbnail;
import dev.montazz.merge.recording.RecordingNormaliser;
import dev.montazz.merge.take.Take;
import dev.montazz.merge.take.TakeRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final MediaFiles files;
    private final RecordingNormaliser recording;
    private final Counter madeWhileRecorded;
    private final Counter madeAtTheEnd;

    TakePreparation(TakeRegistry takes, TakeAssembler assembler, TakeNormaliser normaliser, MediaFiles files,
            RecordingNormaliser recording, MeterRegistry meters) {
        this.recording = recording;
        this.madeWhileRecorded = counter(meters, "while-recorded");
        this.madeAtTheEnd = counter(meters, "after-the-end");
        this.takes = takes;
        this.assembler = assembler;
        this.normaliser = normaliser;
        this.files = files;
    }

    private static Counter counter(MeterRegistry meters, String when) {
        return Counter.builder("montazz.takes.normalised").tag("when", when)
                .description("Takes a render found normalised as they were recorded, or normalised itself")
                .register(meters);
    }

    /** The plan's takes, each new (or grown) one brought into the film's format; what could not be used, and why. */
    record Prepared(List<Take> usable, List<String> problems) {
    }

    Prepared prepare(RenderPlan plan, Path dir, RenderProgressEvents.Tracker tracker) throws IOException {
        List<Take> usable = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Take take : plan.takes()) {
            if (plan.needsNormalising(take)) {
                // Most often made (or being made) on this instance while it was recorded: waited for, not redone.
                Optional<Take> made = recording.madeWhileRecorded(take, plan.settings().framing());
                if (made.isPresent()) {
                    take = made.get();
                    madeWhileRecorded.increment();
                    tracker.report(tracker.done() + take.seconds());
                } else {
                    take = prepare(take, plan.settings().framing(), dir, tracker);
                    madeAtTheEnd.increment();
                }
            }
            problems.addAll(take.problems());
            if (take.usable()) {
                Optional<FilmEdit.Trim> trim = plan.trimOf(take);
                usable.add(trim.isPresent()
                        ? trimmed(take, trim.get(), plan.framingOf(take), dir, tracker, problems) : take);
            }
        }
        return new Prepared(usable, problems);
    }

    /**
     * The take as the owner trimmed it: its trimmed copy, made once from the recording (so its caption sits at the
     * new start) and kept; the whole take when that part of it cannot be used. A take whose recording was let go is
     * trimmed from its normalised copy instead, keeping the caption it already shows.
     */
    private Take trimmed(Take take, FilmEdit.Trim trim, Framing framing, Path dir,
            RenderProgressEvents.Tracker tracker, List<String> problems) throws IOException {
        if (take.trimmedAs(trim, framing)) {
            return take.inFilmTrimmed(take.trimmed());
        }
        double before = tracker.done();
        tracker.stage("Trimming the shot by " + take.contributor(), before);
        Optional<Path> source = take.recordingReleased() ? Optional.of(normalisedCopy(take, dir))
                : assembler.assemble(take, dir, new ArrayList<>());
        String trimmedId = null;
        double seconds = 0;
        if (source.isPresent()) {
            Path output = dir.resolve(take.fileName() + "-trimmed.mp4");
            TakeNormaliser.Span span = new TakeNormaliser.Span(trim.startSeconds(), trim.endSeconds());
            TakeNormaliser.Result result = take.recordingReleased()
                    ? normaliser.trimNormalised(source.get(), take.contributor(), span, output,
                            s -> tracker.report(before + s))
                    : normaliser.normalise(source.get(), take.contributor(), span, framing, output,
                            s -> tracker.report(before + s));
            if (result.usable()) {
                seconds = result.seconds();
                trimmedId = files.uploadTake(output, take.montageId(), take.id(), take.fileName() + "-trimmed");
            }
            Files.deleteIfExists(source.get());
        }
        tracker.report(before + trim.endSeconds());
        if (trimmedId == null) {
            problems.add("The trim of the shot by " + take.contributor() + " could not be made; the whole shot is "
                    + "in the film");
            return take;
        }
        files.retireTake(take.montageId(), takes.trimmed(take.id(), take.lastSequence(), trim, framing, trimmedId,
                seconds));
        log.info("Take {} by {} trimmed to {}-{} s: {} s", take.id(), take.contributor(), trim.startSeconds(),
                trim.endSeconds(), seconds);
        return take.inFilmTrimmed(new Take.Trimmed(trim.startSeconds(), trim.endSeconds(), trimmedId, seconds,
                take.lastSequence(), framing));
    }

    private Path normalisedCopy(Take take, Path dir) throws IOException {
        Path copy = dir.resolve(take.fileName() + "-whole.mp4");
        files.downloadTake(take.montageId(), take.normalisedId(), copy);
        return copy;
    }

    /** Brings a finished take into the film's format and keeps it; returns the take as it now is. */
    private Take prepare(Take take, Framing framing, Path dir, RenderProgressEvents.Tracker tracker)
            throws IOException {
        double before = tracker.done();
        tracker.stage("Preparing the shot by " + take.contributor(), before);
        List<String> problems = new ArrayList<>();
        long assembling = System.nanoTime();
        Optional<Path> recording = assembler.assemble(take, dir, problems);
        long assembled = System.nanoTime();
        String normalisedId = null;
        String thumbnailId = null;
        double seconds = 0;
        if (recording.isPresent()) {
            // Not the recording's own name: an MP4 shot from a file is assembled as take.mp4, and is read meanwhile.
            Path output = dir.resolve(take.fileName() + "-normalised.mp4");
            TakeNormaliser.Result result = normaliser.normalise(recording.get(), take.contributor(),
                    TakeNormaliser.Span.WHOLE, framing, output, s -> tracker.report(before + s));
            problems.addAll(result.problems());
            if (result.usable()) {
                seconds = result.seconds();
                normalisedId = files.uploadTake(output, take.montageId(), take.id(), take.fileName());
                thumbnailId = files.uploadThumbnail(Thumbnail.of(output, 1.0), take.montageId());
            }
            Files.deleteIfExists(recording.get());
        }
        TakeRegistry.Replaced old = takes.normalised(take.id(), take.lastSequence(), normalisedId, seconds,
                thumbnailId, problems, framing);
        files.retireTake(take.montageId(), old.normalisedId());
        files.deleteThumbnail(old.thumbnailId());
        tracker.report(before + estimatedSeconds(take));
        log.info("Take {} by {} normalised: {} s{} (assembled in {} ms, normalised in {} ms)", take.id(),
                take.contributor(), seconds, problems.isEmpty() ? "" : " " + problems,
                (assembled - assembling) / 1_000_000, (System.nanoTime() - assembled) / 1_000_000);
        return take.withNormalised(normalisedId, seconds, thumbnailId, problems, framing, old.normalisedAt());
    }

    /** Known once normalised; before that, the browser sends about a chunk a second. */
    static double estimatedSeconds(Take take) {
        if (take.seconds() != null && !take.needsNormalising()) {
            return take.seconds();
        }
        return take.lastSequence() + 1.0;
    }
}
