package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.montazz.merge.MergeProperties;
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
 * Renders a montage from its finished takes when asked. A failed render is marked FAILED with its reason and thrown
 * again, so the error handler retries it and finally parks the request in the dead-letter topic.
 */
@Component
class RenderJob {

    private static final Logger log = LoggerFactory.getLogger(RenderJob.class);

    private final TakeRegistry takes;
    private final TakeAssembler assembler;
    private final SequenceRenderer renderer;
    private final VideoStore videos;
    private final Renders renders;
    private final MontageTitles titles;
    private final MergeProperties properties;
    private final JsonMapper json;

    RenderJob(TakeRegistry takes, TakeAssembler assembler, SequenceRenderer renderer, VideoStore videos,
            Renders renders, MontageTitles titles, MergeProperties properties, JsonMapper json) {
        this.takes = takes;
        this.assembler = assembler;
        this.renderer = renderer;
        this.videos = videos;
        this.renders = renders;
        this.titles = titles;
        this.properties = properties;
        this.json = json;
    }

    @KafkaListener(id = "render", topics = "${montazz.merge.render-requests-topic}")
    void onRequest(byte[] value) throws IOException {
        RenderRequest request = json.readValue(value, RenderRequest.class);
        log.info("Rendering montage {} ({})", request.montageId(), request.reason());
        render(request.montageId(), request.requestedAt());
    }

    void render(String montageId, Instant requestedAt) throws IOException {
        List<Take> finished = takes.finishedTakes(montageId);
        if (finished.isEmpty()) {
            log.info("Montage {} has no finished takes yet; nothing to render", montageId);
            return;
        }
        Instant started = Instant.now();
        renders.rendering(montageId, requestedAt);
        Files.createDirectories(properties.workDir());
        Path dir = Files.createTempDirectory(properties.workDir(), "render-");
        try {
            List<String> problems = new ArrayList<>();
            List<ShotInput> inputs = new ArrayList<>();
            for (Take take : finished) {
                Optional<Path> file = assembler.assemble(take, dir, problems);
                file.ifPresent(f -> inputs.add(new ShotInput(take.id(), take.contributor(), f)));
            }
            Path film = dir.resolve("montage.mp4");
            SequenceRenderer.Result result = renderer.render(inputs, film);
            problems.addAll(result.problems());
            if (result.shots().isEmpty()) {
                renders.failed(montageId, "None of the takes could be used: " + String.join("; ", problems));
                return;
            }
            FilmFacts facts = FilmFacts.of(film);
            String title = titles.titleOf(montageId).orElse("Montage " + montageId);
            String videoId = videos.upload(film, montageId, title + ".mp4");
            String thumbnailId = videos.uploadThumbnail(Thumbnail.of(film, 1.0), montageId);
            Render previous = renders.ready(new Render(montageId, title, "READY", "sequence", videoId, thumbnailId,
                    facts.sizeBytes(), facts.durationSeconds(), facts.width(), facts.height(), facts.videoCodec(),
                    facts.audioCodec(), result.shots(), problems, null, requestedAt, Instant.now(),
                    Duration.between(started, Instant.now()).toMillis()));
            if (previous != null && previous.videoId() != null && !previous.videoId().equals(videoId)) {
                videos.delete(previous.videoId());
            }
            if (previous != null && previous.thumbnailId() != null) {
                videos.deleteThumbnail(previous.thumbnailId());
            }
            log.info("Montage {} rendered: {} shots, {} s, {} bytes in {} ms", montageId, result.shots().size(),
                    facts.durationSeconds(), facts.sizeBytes(), Duration.between(started, Instant.now()).toMillis());
        } catch (IOException | RuntimeException e) {
            renders.failed(montageId, "Rendering failed: " + e.getMessage());
            throw e;
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }
}
