package dev.montazz.merge.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.montazz.contract.Topics;
import dev.montazz.contract.montage.Framing;
import dev.montazz.contract.take.TakeStored;
import dev.montazz.merge.MergeProperties;
import dev.montazz.merge.files.MediaFiles;
import dev.montazz.merge.media.TakeNormaliser;
import dev.montazz.merge.montage.MontageLookup;
import dev.montazz.merge.take.Take;
import dev.montazz.merge.take.TakeRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Normalises takes while they are recorded, so that when one ends only its last second is left to do. News from the
 * chunk store ({@code montazz.takes-stored}) starts a take's copy and tells it of each stored chunk; a render that
 * finds the take unmade waits for the copy made here rather than starting over ({@link #madeWhileRecorded}).
 * Crash-safe by construction: a copy is kept only when whole, a restart mid-take begins the take again from its
 * stored chunks at the next news, and whatever is not made here is made from the chunks when the take ends.
 */
@Component
public class RecordingNormaliser {

    static final String LISTENER = "recording-normaliser";

    private static final Logger log = LoggerFactory.getLogger(RecordingNormaliser.class);
    /** How long a finished copy is remembered for a render that asks for it late. */
    private static final Duration REMEMBERED = Duration.ofMinutes(2);

    private final MongoTemplate mongo;
    private final TakeRegistry takes;
    private final MontageLookup montages;
    private final TakeNormaliser normaliser;
    private final MediaFiles files;
    private final RecordingProperties properties;
    private final JsonMapper json;
    private final Path dir;
    private final Map<String, TakeInProgress> inProgress = new ConcurrentHashMap<>();

    RecordingNormaliser(MongoTemplate mongo, TakeRegistry takes, MontageLookup montages, TakeNormaliser normaliser,
            MediaFiles files, RecordingProperties properties, MergeProperties merge, JsonMapper json)
            throws IOException {
        this.mongo = mongo;
        this.takes = takes;
        this.montages = montages;
        this.normaliser = normaliser;
        this.files = files;
        this.properties = properties;
        this.json = json;
        this.dir = merge.workDir().resolve("recording");
        // What an earlier run left half-made is of no use: its takes are redone from their chunks.
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir);
    }

    @KafkaListener(id = LISTENER, topics = Topics.TAKES_STORED, autoStartup = "${montazz.merge.roles.renders}",
            properties = "auto.offset.reset=latest")
    void onNews(byte[] value) {
        TakeStored news = json.readValue(value, TakeStored.class);
        TakeInProgress take = inProgress.get(news.takeId());
        if (take == null && !news.last()) {
            take = begin(news);
        }
        if (take != null) {
            take.stored(news.sequence(), news.last());
        }
    }

    /**
     * The take as made while it was recorded, waiting for it if it is still being made here; empty when it was not
     * (or not whole, or not from all of its chunks, or framed otherwise): the caller normalises it then.
     */
    public Optional<Take> madeWhileRecorded(Take take, Framing framing) {
        TakeInProgress made = inProgress.get(take.id());
        if (made == null || made.framing() != framing) {
            return Optional.empty();
        }
        made.endsAt(take.lastSequence());
        try {
            // Made at least as fast as recorded, so at most a take's length behind; past that, it is made here anew.
            long wait = properties.idle().toSeconds() + take.lastSequence() + 1;
            Optional<TakeInProgress.Made> result = made.made().get(wait, TimeUnit.SECONDS);
            return result.filter(m -> m.lastSequence() == take.lastSequence()).map(m -> take
                    .withNormalised(m.normalisedId(), m.seconds(), m.thumbnailId(), m.problems(), m.framing(), m.at()));
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Waiting for take {} made as it was recorded failed: {}", take.id(), e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private TakeInProgress begin(TakeStored news) {
        long making = inProgress.values().stream().filter(take -> take.doneAt() == null).count();
        if (making >= properties.maxTakes()) {
            log.info("Take {} is normalised when it ends: {} takes are being made as they are recorded here",
                    news.takeId(), making);
            return null;
        }
        Take take = mongo.findById(news.takeId(), Take.class);
        if (take == null || take.finished()) {
            return null;
        }
        Framing framing = montages.settingsOf(news.montageId()).framing();
        TakeInProgress made = new TakeInProgress(news.montageId(), take.id(), take.contributor(), framing,
                new ChunkStream(mongo, take.id(), properties.idle()));
        if (inProgress.putIfAbsent(take.id(), made) != null) {
            return inProgress.get(take.id());
        }
        String late = news.sequence() > 0 ? ", from its first chunk (news of it began at chunk " + news.sequence() + ")"
                : "";
        log.info("Normalising take {} by {} as it is recorded{}", take.id(), take.contributor(), late);
        made.start(dir, normaliser, files, takes);
        return made;
    }

    /** Whether a copy of this take is being made here now. */
    boolean making(String takeId) {
        TakeInProgress take = inProgress.get(takeId);
        return take != null && take.doneAt() == null;
    }

    /** Forgets copies made (or given up) a while ago. */
    @Scheduled(fixedDelay = 30_000)
    void forgetOld() {
        Instant before = Instant.now().minus(REMEMBERED);
        inProgress.values().removeIf(take -> take.doneAt() != null && take.doneAt().isBefore(before));
    }

    @PreDestroy
    void stop() {
        inProgress.values().forEach(TakeInProgress::stop);
    }

    /** Gives up every take in progress and forgets them, as an instance that starts again knows none. */
    void forgetAll() {
        stop();
        inProgress.clear();
    }
}
