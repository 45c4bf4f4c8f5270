package dev.montazz.merge.files;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.MongoCollections;
import dev.montazz.merge.MergeProperties;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes what a merge-service stopped mid-write (a crash, {@code kill -9}, a lost machine) leaves in GridFS: chunks of
 * a file whose upload never finished, and finished files no render or take points to (stored just before the crash,
 * never recorded; a take's copy replaced while a film in pieces still named it). Only what is older than the grace
 * period goes, so uploads and renders in progress on any instance are never touched. A render that fails without
 * crashing cleans up after itself; this is for the rest.
 */
@Component
class StorageSweeper {

    private static final Logger log = LoggerFactory.getLogger(StorageSweeper.class);

    private final MongoDatabaseFactory mongo;
    private final Duration grace;
    private final Clock clock;

    @Autowired
    StorageSweeper(MongoDatabaseFactory mongo, MergeProperties properties, Clock clock) {
        this(mongo, properties.storageSweep().grace(), clock);
    }

    StorageSweeper(MongoDatabaseFactory mongo, Duration grace, Clock clock) {
        this.mongo = mongo;
        this.grace = grace;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 2, timeUnit = TimeUnit.MINUTES,
            fixedDelayString = "${montazz.merge.storage-sweep.interval}")
    void sweepNow() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Could not sweep stored files this time: {}", e.getMessage());
        }
    }

    /** @return how many unreferenced files and unfinished uploads were removed */
    int sweep() {
        MongoDatabase db = mongo.getMongoDatabase();
        Date before = Date.from(clock.instant().minus(grace));
        // References are read before the files: a file stored after this moment is younger than the grace period.
        Set<String> films = new HashSet<>();
        Set<String> stills = new HashSet<>();
        Set<String> normalised = new HashSet<>();
        for (Document render : db.getCollection(MongoCollections.RENDERS).find()
                .projection(Projections.include("videoId", "thumbnailId", "shots.thumbnailId", "pieces"))) {
            add(films, render, "videoId");
            add(stills, render, "thumbnailId");
            for (Document shot : render.getList("shots", Document.class, List.of())) {
                add(stills, shot, "thumbnailId");
            }
            // A film in pieces needs the takes' copies it names, even those their takes have replaced since.
            for (Document piece : render.getList("pieces", Document.class, List.of())) {
                add(GridFsBuckets.NORMALISED.equals(piece.get("bucket")) ? normalised : films, piece, "fileId");
            }
        }
        for (Document take : db.getCollection(MongoCollections.TAKES).find()
                .projection(Projections.include("normalisedId", "trimmedId", "thumbnailId"))) {
            add(normalised, take, "normalisedId");
            add(normalised, take, "trimmedId");
            add(stills, take, "thumbnailId");
        }
        Set<String> music = new HashSet<>();
        for (Document bed : db.getCollection(MongoCollections.MUSIC).find().projection(Projections.include("fileId"))) {
            add(music, bed, "fileId");
        }
        return sweep(db, GridFsBuckets.VIDEOS, films, before) + sweep(db, GridFsBuckets.THUMBNAILS, stills, before)
                + sweep(db, GridFsBuckets.NORMALISED, normalised, before) + sweep(db, GridFsBuckets.MUSIC, music, before);
    }

    private int sweep(MongoDatabase db, String bucket, Set<String> referenced, Date before) {
        GridFSBucket gridFs = GridFSBuckets.create(db, bucket);
        MongoCollection<Document> chunks = db.getCollection(bucket + ".chunks");
        int removed = 0;
        Set<Object> files = new HashSet<>();
        for (Document file : db.getCollection(bucket + ".files").find()
                .projection(Projections.include("_id", "uploadDate", "filename"))) {
            Object id = file.get("_id");
            files.add(id);
            Date uploaded = file.getDate("uploadDate");
            if (id instanceof ObjectId objectId && !referenced.contains(objectId.toHexString()) && uploaded != null
                    && uploaded.before(before)) {
                gridFs.delete(objectId);
                log.info("Removed {} {} ({}): no render or take uses it", bucket, objectId, file.get("filename"));
                removed++;
            }
        }
        for (ObjectId filesId : chunks.distinct("files_id", ObjectId.class)) {
            if (!files.contains(filesId) && filesId.getDate().before(before)) {
                long deleted = chunks.deleteMany(Filters.eq("files_id", filesId)).getDeletedCount();
                log.info("Removed {} chunks of an upload to {} that never finished ({})", deleted, bucket, filesId);
                removed++;
            }
        }
        return removed;
    }

    private static void add(Set<String> ids, Document doc, String field) {
        if (doc.get(field) instanceof String id) {
            ids.add(id);
        }
    }
}
