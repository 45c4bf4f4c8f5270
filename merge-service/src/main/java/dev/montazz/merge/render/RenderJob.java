package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.montazz.contract.Topics;
import dev.montazz.contract.render.RenderRequest;
import dev.montazz.merge.MergeProperties;
import dev.montazz.merge.MergeRoles;
import dev.montazz.merge.media.FilmFacts;
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
 * Renders a montage when asked, in plain steps: plan (its finished takes, laid out as its settings say), prepare (takes
 * that are new or grew since the last render are normalised and kept), lay out (the {@link Arrangement}; a cut film
 * without music is spliced into pieces instead), store (the {@link FilmKeeper}). A failed render is marked FAILED with its reason and thrown again, so the error handler retries
 * it and finally parks the request in the dead-letter topic. A crash mid-render leaves the previous film in place: the
 * request was not acknowledged, so it is redone.
 */
@Component
class RenderJob {

    private static final Logger log = LoggerFactory.getLogger(RenderJob.class);

    private final TakeRegistry takes;
    private final MontageLookup montages;
    private final MontagePurge purge;
    private final TakePreparation preparation;
    private final LayoutTools layoutTools;
    private final FilmKeeper films;
    private final Renders renders;
    private final RenderProgressEvents progress;
    private final MergeProperties properties;
    private final MusicLayer music;
    private final FilmPiecesProperties pieces;
    private final JsonMapper json;
    private final Timer rendered;
    private final Counter failed;

    RenderJob(TakeRegistry takes, MontageLookup montages, MontagePurge purge, TakePreparation preparation,
            LayoutTools layoutTools, FilmKeeper films, Renders renders, RenderProgressEvents progress,
            MergeProperties properties, JsonMapper json, MeterRegistry meters, MusicLayer music,
            FilmPiecesProperties pieces) {
        this.music = music;
        this.pieces = pieces;
        this.takes = takes;
        this.montages = montages;
        this.purge = purge;
        this.preparation = preparation;
        this.layoutTools = layoutTools;
        this.films = films;
        this.renders = renders;
        this.progress = progress;
        this.properties = properties;
        this.json = json;
        this.rendered = Timer.builder("montazz.render").description("Renders of a montage that produced a film")
                .register(meters);
        this.failed = Counter.builder("montazz.render.failures").description("Render attempts that failed")
                .register(meters);
    }

    @KafkaListener(id = MergeRoles.RENDER_LISTENER, topics = Topics.RENDER_REQUESTS,
            autoStartup = "${montazz.merge.roles.renders}")
    void onRequest(byte[] value) throws IOException {
        RenderRequest request = json.readValue(value, RenderRequest.class);
        log.info("Rendering montage {} ({})", request.montageId(), request.reason());
        render(request.montageId(), request.requestedAt());
    }

    void render(String montageId, Instant requestedAt) throws IOException {
        Steps steps = new Steps();
        if (!purge.exists(montageId)) {
            log.info("Montage {} was deleted; nothing to render", montageId);
            return;
        }
        List<Take> finished = takes.finishedTakes(montageId);
        if (finished.isEmpty()) {
            films.withdraw(montageId);
            return;
        }
        RenderPlan plan = RenderPlan.of(montageId, requestedAt, montages.settingsOf(montageId), finished,
                music.bedOf(montageId));
        if (plan.takes().isEmpty()) {
            // The portal never lets an owner leave every shot out; a montage edited before a rule changed might.
            renders.failed(montageId, "Every shot is left out of the film: put one back to make it");
            return;
        }
        if (plan.madeBy(renders.find(montageId))) {
            log.info("Montage {} is already rendered from these takes; nothing to do", montageId);
            return;
        }
        steps.done("plan");
        Instant started = Instant.now();
        renders.rendering(montageId, requestedAt);
        RenderProgressEvents.Tracker tracker = progress.start(montageId,
                plan.plannedWork(properties.film().titleSeconds()));
        Files.createDirectories(properties.workDir());
        Path dir = Files.createTempDirectory(properties.workDir(), "render-");
        try {
            TakePreparation.Prepared prepared = preparation.prepare(plan, dir, tracker);
            steps.done("prepare");
            if (prepared.usable().isEmpty()) {
                String reason = "None of the takes could be used: " + String.join("; ", prepared.problems());
                renders.failed(montageId, reason);
                tracker.failed(reason);
                return;
            }
            List<String> problems = new ArrayList<>(prepared.problems());
            boolean inPieces = pieces.enabled() && plan.music() == null;
            Optional<Cut.Laid> spliced = inPieces && plan.arrangement() instanceof Cut cut
                    ? cut.splice(layoutTools, plan.settings().title(), prepared.usable(), dir, tracker)
                    : Optional.empty();
            List<Render.Shot> shots;
            FilmFacts facts;
            if (spliced.isPresent()) {
                shots = spliced.get().shots();
                steps.done("splice");
                tracker.stage("Saving the film", tracker.done());
                facts = films.keep(plan, spliced.get().film(), shots, problems, started);
            } else {
                Path film = dir.resolve("joined.mp4");
                shots = plan.arrangement().lay(layoutTools, plan.settings().title(), prepared.usable(), film, tracker,
                        problems);
                steps.done("lay out");
                if (plan.music() != null) {
                    film = music.under(plan, film, tracker);
                    steps.done("music");
                }
                tracker.stage("Saving the film", tracker.done());
                facts = films.keep(plan, film, shots, problems, started);
            }
            steps.done("store");
            tracker.ready();
            Duration took = Duration.between(started, Instant.now());
            rendered.record(took);
            log.info("Montage {} rendered: {} shots, {} s, {} bytes in {} ms ({})", montageId, shots.size(),
                    facts.durationSeconds(), facts.sizeBytes(), took.toMillis(), steps);
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

    /** How long each step of a render took, for the log: where an edit's seconds go. */
    private static final class Steps {

        private final StringBuilder took = new StringBuilder();
        private long since = System.nanoTime();

        void done(String step) {
            long now = System.nanoTime();
            took.append(took.isEmpty() ? "" : ", ").append(step).append(' ').append((now - since) / 1_000_000)
                    .append(" ms");
            since = now;
        }

        @Override
        public String toString() {
            return took.toString();
        }
    }
}
