package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import dev.montazz.merge.MergeProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.montazz.merge.montage.MontagePurge;
import dev.montazz.merge.montage.MontageTitles;
import dev.montazz.merge.take.Take;
import dev.montazz.merge.take.TakeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a montage when asked. Takes that are new (or grew) since the last render are normalised first and kept, so a
 * film is a title card plus normalised takes joined by packet copy. A failed render is marked FAILED with its reason
 * and thrown again, so the error handler retries it and finally parks the request in the dead-letter topic. A crash
 * mid-render leaves the previous film in place: the request was not acknowledged, so it is redone.
 */
@Component
class RenderJob {

    private static final Logger log = LoggerFactory.getLogger(RenderJob.class);
    /** Work units per second of film, against 1 per second of take normalised: measured shares of a render's time. */
    private static final double JOIN_WORK = 0.04;
    private static final double STORE_WORK = 0.03;

    private final TakeRegistry takes;
    private final TakeAssembler assembler;
    private final TakeNormaliser normaliser;
    private final TitleCard titleCard;
    private final Concatenator concatenator;
    private final GridRenderer gridRenderer;
    private final VideoStore videos;
    private final Renders renders;
    private final RenderProgressEvents progress;
    private final MontageTitles titles;
    private final MontagePurge purge;
    private final MergeProperties properties;
    private final JsonMapper json;
    private final Timer rendered;
    private final Counter failed;

    RenderJob(TakeRegistry takes, TakeAssembler assembler, TakeNormaliser normaliser, TitleCard titleCard,
            Concatenator concatenator, GridRenderer gridRenderer, VideoStore videos, Renders renders,
            RenderProgressEvents progress, MontageTitles titles, MontagePurge purge, MergeProperties properties, JsonMapper json,
            MeterRegistry meters) {
        this.takes = takes;
        this.assembler = assembler;
        this.normaliser = normaliser;
        this.titleCard = titleCard;
        this.concatenator = concatenator;
        this.gridRenderer = gridRenderer;
        this.videos = videos;
        this.renders = renders;
        this.progress = progress;
        this.titles = titles;
        this.purge = purge;
        this.properties = properties;
        this.json = json;
        this.rendered = Timer.builder("montazz.render").description("Renders of a montage that produced a film")
                .register(meters);
        this.failed = Counter.builder("montazz.render.failures").description("Render attempts that failed")
                .register(meters);
    }

    @KafkaListener(id = "render", topics = "${montazz.merge.render-requests-topic}")
    void onRequest(byte[] value) throws IOException {
        RenderRequest request = json.readValue(value, RenderRequest.class);
        log.info("Rendering montage {} ({})", request.montageId(), request.reason());
        render(request.montageId(), request.requestedAt());
    }

    void render(String montageId, Instant requestedAt) throws IOException {
        if (!purge.exists(montageId)) {
            log.info("Montage {} was deleted; nothing to render", montageId);
            return;
        }
        List<Take> finished = takes.finishedTakes(montageId);
        if (finished.isEmpty()) {
            log.info("Montage {} has no finished takes yet; nothing to render", montageId);
            return;
        }
        String layout = titles.layoutOf(montageId);
        if (upToDate(renders.find(montageId), finished, layout, requestedAt)) {
            log.info("Montage {} is already rendered from these takes; nothing to do", montageId);
            return;
        }
        Instant started = Instant.now();
        renders.rendering(montageId, requestedAt);
        RenderProgressEvents.Tracker tracker = progress.start(montageId, plannedWork(finished, layout));
        Files.createDirectories(properties.workDir());
        Path dir = Files.createTempDirectory(properties.workDir(), "render-");
        try {
            List<Take> usable = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Take take : finished) {
                if (take.needsNormalising()) {
                    take = normalise(take, dir, tracker);
                }
                problems.addAll(take.problems());
                if (take.usable()) {
                    usable.add(take);
                }
            }
            if (usable.isEmpty()) {
                String reason = "None of the takes could be used: " + String.join("; ", problems);
                renders.failed(montageId, reason);
                tracker.failed(reason);
                return;
            }
            Path film = dir.resolve("montage.mp4");
            String title = titles.titleOf(montageId).orElse("Montage " + montageId);
            List<Render.Shot> shots = "grid".equals(layout) ? grid(title, usable, dir, film, tracker, problems)
                    : join(title, usable, dir, film, tracker);
            tracker.stage("Saving the film", tracker.done());
            FilmFacts facts = FilmFacts.of(film);
            String videoId = videos.upload(film, montageId, title + ".mp4");
            String thumbnailId = videos.uploadThumbnail(Thumbnail.of(film, shots.get(0).offsetSeconds() + 1.0),
                    montageId);
            long millis = Duration.between(started, Instant.now()).toMillis();
            rendered.record(Duration.ofMillis(millis));
            Render previous = renders.ready(new Render(montageId, title, "READY", layout, videoId, thumbnailId,
                    facts.sizeBytes(), facts.durationSeconds(), facts.width(), facts.height(), facts.videoCodec(),
                    facts.audioCodec(), shots, problems, null, requestedAt, Instant.now(), millis));
            tracker.ready();
            if (!purge.exists(montageId)) {
                // Deleted while this render ran, perhaps after its files were purged: purge what it added.
                purge.purge(montageId);
                return;
            }
            if (previous != null && previous.videoId() != null && !previous.videoId().equals(videoId)) {
                videos.delete(previous.videoId());
            }
            if (previous != null && previous.thumbnailId() != null) {
                videos.deleteThumbnail(previous.thumbnailId());
            }
            log.info("Montage {} rendered: {} shots, {} s, {} bytes in {} ms", montageId, shots.size(),
                    facts.durationSeconds(), facts.sizeBytes(), millis);
        } catch (IOException | RuntimeException e) {
            log.warn("Rendering montage {} failed", montageId, e);
            failed.increment();
            String reason = "Rendering failed: " + e.getMessage();
            renders.failed(montageId, reason);
            tracker.failed(reason);
            throw e;
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    /** Brings a finished take into the film's format and keeps it; returns the take as it now is. */
    private Take normalise(Take take, Path dir, RenderProgressEvents.Tracker tracker) throws IOException {
        double before = tracker.done();
        tracker.stage("Preparing the shot by " + take.contributor(), before);
        List<String> problems = new ArrayList<>();
        Optional<Path> recording = assembler.assemble(take, dir, problems);
        String normalisedId = null;
        String thumbnailId = null;
        double seconds = 0;
        if (recording.isPresent()) {
            Path output = dir.resolve(take.id() + ".mp4");
            TakeNormaliser.Result result = normaliser.normalise(recording.get(), take.contributor(), output,
                    s -> tracker.report(before + s));
            problems.addAll(result.problems());
            if (result.usable()) {
                seconds = result.seconds();
                normalisedId = videos.uploadTake(output, take.montageId(), take.id());
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
        return new Take(take.id(), take.montageId(), take.contributor(), take.container(), take.startedAt(),
                take.firstPartition(), take.firstOffset(), take.lastSequence(), take.finishedAt(), normalisedId,
                take.lastSequence(), seconds, thumbnailId, problems);
    }

    /** Title card and takes joined by packet copy; returns where each take sits in the film. */
    private List<Render.Shot> join(String title, List<Take> usable, Path dir, Path film,
            RenderProgressEvents.Tracker tracker) throws IOException {
        List<Path> parts = new ArrayList<>();
        boolean withTitle = properties.film().titleSeconds() > 0;
        if (withTitle) {
            parts.add(dir.resolve("title.mp4"));
            titleCard.write(title, contributors(usable), parts.get(0));
        }
        for (Take take : usable) {
            Path part = dir.resolve("part-" + take.id() + ".mp4");
            videos.downloadTake(take.normalisedId(), part);
            parts.add(part);
        }
        double before = tracker.done();
        tracker.stage("Putting the film together", before);
        List<Concatenator.Placement> placements = concatenator.join(parts, film,
                s -> tracker.report(before + s * JOIN_WORK));
        List<Render.Shot> shots = new ArrayList<>();
        for (int i = 0; i < usable.size(); i++) {
            Take take = usable.get(i);
            Concatenator.Placement placement = placements.get(withTitle ? i + 1 : i);
            shots.add(new Render.Shot(take.id(), take.contributor(), placement.offsetSeconds(),
                    placement.durationSeconds(), take.thumbnailId()));
        }
        return shots;
    }

    /** Up to nine takes side by side after the title card; returns where each take sits in the film. */
    private List<Render.Shot> grid(String title, List<Take> usable, Path dir, Path film,
            RenderProgressEvents.Tracker tracker, List<String> problems) throws IOException {
        List<Take> shown = usable.subList(0, Math.min(usable.size(), GridRenderer.MAX_TAKES));
        if (usable.size() > shown.size()) {
            problems.add("A grid shows " + GridRenderer.MAX_TAKES + " takes at most; the last "
                    + (usable.size() - shown.size()) + " were left out");
        }
        List<Path> cells = new ArrayList<>();
        for (Take take : shown) {
            Path part = dir.resolve("part-" + take.id() + ".mp4");
            videos.downloadTake(take.normalisedId(), part);
            cells.add(part);
        }
        double before = tracker.done();
        tracker.stage("Laying the takes out side by side", before);
        Path gridded = dir.resolve("grid.mp4");
        gridRenderer.render(cells, gridded, s -> tracker.report(before + s));
        List<Path> parts = new ArrayList<>();
        boolean withTitle = properties.film().titleSeconds() > 0;
        if (withTitle) {
            parts.add(dir.resolve("title.mp4"));
            titleCard.write(title, contributors(shown), parts.get(0));
        }
        parts.add(gridded);
        double afterGrid = tracker.done();
        List<Concatenator.Placement> placements = concatenator.join(parts, film,
                s -> tracker.report(afterGrid + s * JOIN_WORK));
        double start = placements.get(parts.size() - 1).offsetSeconds();
        return shown.stream().map(take -> new Render.Shot(take.id(), take.contributor(), start, take.seconds(),
                take.thumbnailId())).toList();
    }

    private static List<String> contributors(List<Take> takes) {
        return new ArrayList<>(new LinkedHashSet<>(takes.stream().map(Take::contributor).toList()));
    }

    /**
     * Whether a film made after the request already has exactly these takes. Each take's end is announced twice (its
     * last chunk, then the end of the turn), and a request queued behind a render that covered it needs no other.
     */
    private static boolean upToDate(Render current, List<Take> finished, String layout, Instant requestedAt) {
        if (current == null || !"READY".equals(current.status()) || !layout.equals(current.layout())
                || requestedAt == null
                || current.renderedAt() == null || !current.renderedAt().isAfter(requestedAt)
                || finished.stream().anyMatch(Take::needsNormalising)) {
            return false;
        }
        List<String> inFilm = current.shots().stream().map(Render.Shot::takeId).toList();
        List<String> usable = finished.stream().filter(Take::usable).map(Take::id).toList();
        return inFilm.equals(usable);
    }

    private double plannedWork(List<Take> finished, String layout) {
        double work = 0;
        double film = properties.film().titleSeconds();
        double longest = 0;
        for (Take take : finished) {
            double seconds = estimatedSeconds(take);
            work += take.needsNormalising() ? seconds : 0;
            film += seconds;
            longest = Math.max(longest, seconds);
        }
        if ("grid".equals(layout)) {
            // Every second of a grid is encoded once more, after its cells are decoded.
            return work + longest + (properties.film().titleSeconds() + longest) * (JOIN_WORK + STORE_WORK);
        }
        return work + film * (JOIN_WORK + STORE_WORK);
    }

    /** Known once normalised; before that, the browser sends about a chunk a second. */
    private static double estimatedSeconds(Take take) {
        if (take.seconds() != null && !take.needsNormalising()) {
            return take.seconds();
        }
        return take.lastSequence() + 1.0;
    }
}
