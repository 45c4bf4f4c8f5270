package dev.montazz.merge.chunk;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.Topics;
import dev.montazz.contract.chunk.ChunkKind;
import dev.montazz.contract.chunk.StoreReply;
import dev.montazz.merge.MergeRoles;
import dev.montazz.merge.music.MusicBeds;
import dev.montazz.merge.shotfile.ShotFiles;
import dev.montazz.merge.take.RenderRequests;
import dev.montazz.merge.take.TakeRegistry;
import dev.montazz.merge.usage.StorageUsage;
import dev.montazz.security.store.Lookups;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Stores each chunk before confirming it: ingest-service answers the browser only after this reply, so a confirmed
 * chunk is durable. Everything here is idempotent, because a chunk can be delivered again after a crash or re-sent.
 */
@Component
class ChunkStoreListener {

    private static final Logger log = LoggerFactory.getLogger(ChunkStoreListener.class);

    private final MongoTemplate mongo;
    private final TakeRegistry takes;
    private final RenderRequests renderRequests;
    private final StorageUsage usage;
    private final MusicBeds music;
    private final ShotFiles shotFiles;
    private final Clock clock;
    private final TakesStoredNews news;
    private final ChunkStoreProperties properties;
    private final ChunkReceipts receipts;
    /** Older than any chunk a contributor is still waiting on (ingest gives up after seconds). */
    private static final Duration REPLAY_AGE = Duration.ofHours(1);
    /**
     * Takes whose state this instance knows to be "still recording": their chunks need no check for having
     * overtaken an end marker. A take seen here first mid-way (after a rebalance) is checked once; a cut-off take
     * leaves the set, so each later chunk of it is checked.
     */
    private final Set<String> recording = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            }));

    ChunkStoreListener(MongoTemplate mongo, TakeRegistry takes, RenderRequests renderRequests, StorageUsage usage,
            MusicBeds music, ShotFiles shotFiles, Clock clock, TakesStoredNews news,
            ChunkStoreProperties properties, ChunkReceipts receipts) {
        this.properties = properties;
        this.receipts = receipts;
        this.clock = clock;
        this.news = news;
        this.music = music;
        this.shotFiles = shotFiles;
        this.mongo = mongo;
        this.takes = takes;
        this.renderRequests = renderRequests;
        this.usage = usage;
    }

    @KafkaListener(id = MergeRoles.CHUNK_STORE_LISTENER, topics = Topics.CHUNKS,
            autoStartup = "${montazz.merge.roles.chunks}")
    void store(ConsumerRecord<String, byte[]> record) throws IOException {
        // The wall clock, not the injected one: the record's timestamp is ingest's, taken when it sent the chunk.
        StoreTimings timings = new StoreTimings(System.currentTimeMillis() - record.timestamp());
        IncomingChunk chunk = IncomingChunk.from(record);
        StoreReply reply = store(chunk, record, timings);
        boolean takeChunk = isTakeChunk(chunk) && reply.status() != StoreReply.Status.REJECTED;
        // A take's start, end or a chunk of a take not known here changes what the take is: before the receipt, so
        // that nothing acknowledged depends on work that could still fail. A chunk in the middle only adds news.
        boolean inTheMiddle = takeChunk && chunk.sequence() > 0 && !chunk.last()
                && recording.contains(chunk.takeId());
        if (takeChunk && !inTheMiddle) {
            stored(chunk, reply);
        }
        timings.done(StoreTimings.Step.TAKE);
        receipts.send(record, reply);
        timings.done(StoreTimings.Step.RECEIPT);
        // After the receipt, so the person's next chunk does not wait for them: the count of their stored bytes (ingest
        // holds them to their quota with it, by a chunk late at most) and the news for the normaliser (news lost only
        // means the take is made at its end). A failure here is retried as a DUPLICATE, which is not counted again.
        if (takeChunk && reply.status() == StoreReply.Status.STORED) {
            usage.stored(chunk.contributorId(), chunk.montageId(), chunk.data().length);
        }
        timings.done(StoreTimings.Step.USAGE);
        if (inTheMiddle && reply.status() == StoreReply.Status.STORED) {
            news.stored(chunk.montageId(), chunk.takeId(), chunk.sequence(), false);
        }
        timings.done(StoreTimings.Step.NEWS);
        if (timings.toReceipt().compareTo(properties.slowChunk()) >= 0) {
            log.info("Slow chunk store {}: {}", chunk.id(), timings);
        }
    }

    private static boolean isTakeChunk(IncomingChunk chunk) {
        return chunk.kind() == ChunkKind.TAKE && chunk.data().length > 0;
    }

    /** Stores the chunk (or refuses it) and answers what its receipt says. */
    private StoreReply store(IncomingChunk chunk, ConsumerRecord<String, byte[]> record, StoreTimings timings)
            throws IOException {
        if (chunk.kind() == null) {
            return new StoreReply(StoreReply.Status.REJECTED, chunk.partition(), chunk.offset(),
                    "This kind of upload is not taken here yet");
        }
        if (replayOfARecordingLetGo(record, chunk)) {
            return new StoreReply(StoreReply.Status.DUPLICATE, chunk.partition(), chunk.offset(), null);
        }
        if (chunk.kind() == ChunkKind.MUSIC) {
            return music(chunk, timings);
        }
        if (chunk.kind() == ChunkKind.FILE) {
            return shotFile(chunk, timings);
        }
        if (chunk.data().length == 0) {
            return endOfTake(chunk);
        }
        return insert(chunk, timings);
    }

    /**
     * A take's chunk is stored (or was before) and changes the take: its start, its end (then a render), a late chunk
     * or one of a take this instance had not seen recording; with the news of it.
     */
    private void stored(IncomingChunk chunk, StoreReply reply) {
        if (chunk.sequence() == 0) {
            takes.started(chunk.montageId(), chunk.takeId(), chunk.contributorId(), chunk.contributor(),
                    chunk.container(), chunk.capturedAt(), reply.partition(), reply.offset());
        }
        if (chunk.last()) {
            recording.remove(chunk.takeId());
            takes.finished(chunk.takeId(), chunk.sequence());
            news.stored(chunk.montageId(), chunk.takeId(), chunk.sequence(), true);
            renderRequests.request(chunk.montageId(), "take " + chunk.takeId() + " finished");
        } else if (chunk.sequence() == 0 && reply.status() == StoreReply.Status.STORED) {
            recording.add(chunk.takeId());
            news.stored(chunk.montageId(), chunk.takeId(), 0, false);
        } else if (takes.extendIfNext(chunk.takeId(), chunk.sequence())) {
            renderRequests.request(chunk.montageId(), "a late chunk of take " + chunk.takeId());
        } else if (takes.recording(chunk.takeId())) {
            recording.add(chunk.takeId());
        }
    }

    /**
     * A chunk read again long after it was sent (the consumer group's offsets lost after merge stood still for days,
     * and the topic read from its start) whose take has since let its recording go: it was stored once and removed
     * on purpose, so it is not stored again (nor counted again against its contributor). Only old records are looked
     * up, so the chunk path does not pay for this.
     */
    private boolean replayOfARecordingLetGo(ConsumerRecord<String, byte[]> record, IncomingChunk chunk) {
        if (record.timestamp() > clock.millis() - REPLAY_AGE.toMillis() || !takes.recordingReleased(chunk.takeId())) {
            return false;
        }
        log.info("Chunk {} read again after its take's recording was let go; not stored again", chunk.id());
        return true;
    }

    /** A chunk of a music upload: stored like any; the last one makes the upload the montage's music, or not. */
    private StoreReply music(IncomingChunk chunk, StoreTimings timings) throws IOException {
        if (chunk.data().length == 0) {
            return new StoreReply(StoreReply.Status.REJECTED, chunk.partition(), chunk.offset(), "An empty chunk");
        }
        StoreReply reply = insertUploadPart(chunk, timings);
        if (reply.status() == StoreReply.Status.REJECTED || !chunk.last()) {
            return reply;
        }
        MusicBeds.Outcome outcome = music.finish(new MusicBeds.Upload(chunk.montageId(), chunk.takeId(),
                chunk.clientId(), chunk.sequence(), chunk.contributorId(), chunk.fileName()));
        if (outcome instanceof MusicBeds.Outcome.Refused refused) {
            return new StoreReply(StoreReply.Status.UNREADABLE, reply.partition(), reply.offset(), refused.reason());
        }
        return reply;
    }

    /** A chunk of a shot from a file: stored like any; the last one makes the upload a take, or not. */
    private StoreReply shotFile(IncomingChunk chunk, StoreTimings timings) throws IOException {
        if (chunk.data().length == 0) {
            return new StoreReply(StoreReply.Status.REJECTED, chunk.partition(), chunk.offset(), "An empty chunk");
        }
        StoreReply reply = insertUploadPart(chunk, timings);
        if (reply.status() == StoreReply.Status.REJECTED || !chunk.last()) {
            return reply;
        }
        if (chunk.longest() == null) {
            return new StoreReply(StoreReply.Status.REJECTED, reply.partition(), reply.offset(),
                    "The last part of a shot from a file tells the longest shot");
        }
        Optional<String> refused = shotFiles.finish(new ShotFiles.Upload(chunk.montageId(), chunk.takeId(),
                chunk.sequence(), chunk.contributorId(), chunk.contributor(), chunk.longest(), reply.partition(),
                reply.offset()));
        return refused.map(reason -> new StoreReply(StoreReply.Status.UNREADABLE, reply.partition(), reply.offset(),
                reason)).orElse(reply);
    }

    /**
     * An empty chunk marked last: ingest cut the take off (its contributor lost the floor) and it ends before this
     * sequence number, so what was stored so far is the whole take.
     */
    private StoreReply endOfTake(IncomingChunk chunk) {
        if (!chunk.last()) {
            return new StoreReply(StoreReply.Status.REJECTED, chunk.partition(), chunk.offset(), "An empty chunk");
        }
        recording.remove(chunk.takeId());
        if (chunk.sequence() > 0) {
            int last = lastStoredInARow(chunk.takeId(), chunk.sequence() - 1);
            takes.finished(chunk.takeId(), last);
            news.stored(chunk.montageId(), chunk.takeId(), last, true);
            renderRequests.request(chunk.montageId(), "take " + chunk.takeId() + " was cut off");
        }
        log.info("Take {} ended before chunk {} (cut off)", chunk.takeId(), chunk.sequence());
        return new StoreReply(StoreReply.Status.STORED, chunk.partition(), chunk.offset(), null);
    }

    /** Chunks of a cut-off take that overtook its end marker on the way here still belong to it. */
    private int lastStoredInARow(String takeId, int from) {
        int last = from;
        while (Lookups.exists(mongo, TakeKey.chunkId(takeId, last + 1), MongoCollections.CHUNKS)) {
            last++;
        }
        return last;
    }

    /**
     * A part of an upload, counted in its uploader's storage at once: the last part's finish may let the whole upload
     * go (and its bytes with it).
     */
    private StoreReply insertUploadPart(IncomingChunk chunk, StoreTimings timings) {
        StoreReply reply = insert(chunk, timings);
        if (reply.status() == StoreReply.Status.STORED) {
            usage.stored(chunk.contributorId(), chunk.montageId(), chunk.data().length);
        }
        return reply;
    }

    /**
     * Stores a chunk once. The same number again is a duplicate only with the same bytes (a re-send after a lost
     * answer); other bytes under a number already stored are refused, never swapped in or silently dropped.
     */
    private StoreReply insert(IncomingChunk chunk, StoreTimings timings) {
        String digest = ChunkDigest.of(chunk.data());
        try {
            mongo.insert(new StoredChunk(chunk.id(), chunk.montageId(), chunk.takeId(), chunk.sequence(), chunk.data(),
                    digest, chunk.partition(), chunk.offset(), clock.instant()));
            timings.done(StoreTimings.Step.INSERT);
            return new StoreReply(StoreReply.Status.STORED, chunk.partition(), chunk.offset(), null);
        } catch (DuplicateKeyException alreadyStored) {
            StoreReply answer = storedBefore(chunk, digest);
            timings.done(StoreTimings.Step.INSERT);
            return answer;
        }
    }

    private StoreReply storedBefore(IncomingChunk chunk, String digest) {
        Query query = Query.query(Criteria.where("_id").is(chunk.id()));
        query.fields().exclude("data");
        StoredChunk original = mongo.findOne(query, StoredChunk.class);
        String originalDigest = original.sha256() != null ? original.sha256() : storedDigest(chunk.id());
        if (!digest.equals(originalDigest)) {
            log.warn("Chunk {} sent again with other bytes; refused", chunk.id());
            return new StoreReply(StoreReply.Status.REJECTED, original.partition(), original.offset(),
                    "Chunk " + chunk.sequence() + " of this take was already stored with other bytes. A chunk "
                            + "sent again must be the same; to record anew, start a new take");
        }
        log.debug("Chunk {} was already stored at offset {}", chunk.id(), original.offset());
        return new StoreReply(StoreReply.Status.DUPLICATE, original.partition(), original.offset(), null);
    }

    /** For chunks kept before digests were: read the bytes once to compare. */
    private String storedDigest(String chunkId) {
        StoredChunk stored = mongo.findById(chunkId, StoredChunk.class);
        return ChunkDigest.of(stored.data());
    }
}
