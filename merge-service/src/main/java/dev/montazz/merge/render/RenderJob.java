package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.montazz.contract.Topics;
import dev.montazz.contract.montage.MontageSettings;
import dev.montazz.contract.render.FilmLayout;
import dev.montazz.contract.render.RenderRequest;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.MergeProperties;
import dev.montazz.merge.montage.MontageLookup;
import dev.montazz.merge.montage.MontagePurge;
import dev.montazz.merge.take.Take;
import dev.montazz.merge.take.TakeRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a montage when asked. Takes that are new (or grew) since the last render are prepared first (normalised and
 * kept), then laid out as the owner chose. A failed render is marked FAILED with its reason
 * and thrown again, so the error handler retries it and finally parks the request in the dead-letter topic. A crash
 * mid-render leaves the previous film in place: the request was not acknowledged, so it is redone.
 */
@Component
class RenderJob {

    private static final Logger log = LoggerFactory.getLogger(RenderJob.class);

    private final TakeRegistry takes;
    private final TakePreparation preparation;
    private final Layouts layouts;
    private final VideoStore videos;
    private final Renders renders;
    private final RenderProgressEvents progress;
    private final MontageLookup montages;
    private final MontagePurge purge;
    private final MergeProperties properties;
    private final JsonMapper json;
    private final Timer rendered;
    private final Counter failed;

    RenderJob(TakeRegistry takes, TakePreparation preparation, Layouts layouts, VideoStore videos, Renders renders,
            RenderProgressEvents progress, MontageLookup montages, MontagePurge purge, MergeProperties properties,
            JsonMapper json, MeterRegistry meters) {
        this.takes = takes;
        this.preparation = preparation;
        this.layouts = layouts;
        this.videos = videos;
        this.renders = renders;
        this.progress = progress;
        this.montages = montages;
        this.purge = purge;
        this.properties = properties;
        this.json = json;
        this.rendered = Timer.builder("montazz.render").description("Renders of a montage that produced a film")
                .register(meters);
        this.failed = Counter.builder("montazz.render.failures").description("Render attempts that failed")
                .register(meters);
    }

    @KafkaListener(id = "render", topics = Topics.RENDER_REQUESTS)
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
            // No takes (any more: a contributor's account was deleted): a film of them must not stay watchable.
            Render withdrawn = renders.withdraw(montageId);
            if (withdrawn != null) {
                if (withdrawn.videoId() != null) {
                    videos.delete(withdrawn.videoId());
                }
                if (withdrawn.thumbnailId() != null) {
                    videos.deleteThumbnail(withdrawn.thumbnailId());
                }
                log.info("Montage {} has no takes left; its film was withdrawn", montageId);
            } else {
                log.info("Montage {} has no finished takes yet; nothing to render", montageId);
            }
            return;
        }
        MontageSettings chosen = montages.settingsOf(montageId);
        FilmLayout layout = FilmLayout.of(chosen.layout(), chosen.transition());
        if (upToDate(renders.find(montageId), finished, layout, requestedAt)) {
            log.info("Montage {} is already rendered from these takes; nothing to do", montageId);
            return;
        }
        Instant started = Instant.now();
        renders.rendering(montageId, requestedAt);
        RenderProgressEvents.Tracker tracker = progress.start(montageId, layouts.plannedWork(finished, layout));
        Files.createDirectories(properties.workDir());
        Path dir = Files.createTempDirectory(properties.workDir(), "render-");
        try {
            List<Take> usable = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Take take : finished) {
                if (take.needsNormalising()) {
                    take = preparation.prepare(take, dir, tracker);
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
            String title = chosen.title();
            List<Render.Shot> shots = layouts.lay(chosen, usable, dir, film, tracker, problems);
            tracker.stage("Saving the film", tracker.done());
            FilmFacts facts = FilmFacts.of(film);
            String videoId = videos.upload(film, montageId, title + ".mp4");
            String thumbnailId = videos.uploadThumbnail(Thumbnail.of(film, shots.get(0).offsetSeconds() + 1.0),
                    montageId);
            long millis = Duration.between(started, Instant.now()).toMillis();
            rendered.record(Duration.ofMillis(millis));
            Render previous = renders.ready(new Render(montageId, title, RenderStatus.READY, layout, videoId, thumbnailId,
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
            // The exception's words (paths, FFmpeg's errors) stay in the log, with the montage's id.
            String reason = "Rendering failed because of a problem on our side, not in your takes. It is tried "
                    + "again by itself; if it still fails, use \"Render again\" later";
            renders.failed(montageId, reason);
            tracker.failed(reason);
            throw e;
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    /**
     * Whether a film made after the request already has exactly these takes. Each take's end is announced twice (its
     * last chunk, then the end of the turn), and a request queued behind a render that covered it needs no other.
     */
    private static boolean upToDate(Render current, List<Take> finished, FilmLayout layout, Instant requestedAt) {
        if (current == null || current.status() != RenderStatus.READY || layout != current.layout()
                || requestedAt == null
                || current.renderedAt() == null || !current.renderedAt().isAfter(requestedAt)
                || finished.stream().anyMatch(Take::needsNormalising)) {
            return false;
        }
        List<String> inFilm = current.shots().stream().map(Render.Shot::takeId).toList();
        List<String> usable = finished.stream().filter(Take::usable).map(Take::id).toList();
        return inFilm.equals(usable);
    }

}
