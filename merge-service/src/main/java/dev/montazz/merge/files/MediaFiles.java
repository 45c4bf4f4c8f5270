package dev.montazz.merge.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.MongoCollections;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Files merge-service keeps in GridFS: rendered films (bucket {@code videos}, which portal-service streams from),
 * stills (bucket {@code thumbnails}) and takes in the film's format (bucket {@code normalised}, only merge reads them).
 * Every file carries its montage's id in its metadata, so a montage's files can all be found. Deleting a file that is
 * already gone is not an error: purges are redone after a crash and must be idempotent.
 */
@Component
public class MediaFiles {

    private static final Logger log = LoggerFactory.getLogger(MediaFiles.class);
    private static final int CHUNK_BYTES = 1024 * 1024;

    private final MongoDatabaseFactory mongo;
    private final MediaCache cache;

    MediaFiles(MongoDatabaseFactory mongo, MediaCache cache) {
        this.mongo = mongo;
        this.cache = cache;
    }

    public String uploadTake(Path take, String montageId, String takeId, String fileName) throws IOException {
        GridFSUploadOptions options = new GridFSUploadOptions().chunkSizeBytes(CHUNK_BYTES)
                .metadata(takeMetadata(montageId, takeId));
        String id;
        try (InputStream in = Files.newInputStream(take)) {
            id = bucket(GridFsBuckets.NORMALISED).uploadFromStream(fileName + ".mp4", in, options).toHexString();
        }
        // The next render of this montage, most likely an edit, finds it on disk.
        cache.keep(montageId, id, take);
        return id;
    }

    /**
     * Starts putting a take's copy into GridFS while it is encoded to {@code take}; {@link #finishTake} once the
     * encoder is done, or {@link GrowingUpload#abandon} to keep nothing.
     */
    public GrowingUpload growingTake(Path take, String montageId, String takeId, String fileName) {
        return new GrowingUpload(mongo.getMongoDatabase(), GridFsBuckets.NORMALISED, take, CHUNK_BYTES,
                fileName + ".mp4", takeMetadata(montageId, takeId));
    }

    /** Stores what is left of a growing copy and keeps the file on disk for the next render; returns its id. */
    public String finishTake(GrowingUpload upload) throws IOException {
        String id = upload.finish();
        cache.keep(upload.montageId(), id, upload.file());
        return id;
    }

    /**
     * Puts a normalised take at {@code target}: from this instance's disk when it is there, else from GridFS, in
     * small batches (the embedded MongoDB-wire server cannot send replies over about 48 MB), kept on disk after.
     */
    public void downloadTake(String montageId, String normalisedId, Path target) throws IOException {
        if (cache.copyTo(montageId, normalisedId, target)) {
            return;
        }
        try (var in = bucket(GridFsBuckets.NORMALISED).openDownloadStream(new ObjectId(normalisedId)).batchSize(4)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        cache.keep(montageId, normalisedId, target);
    }

    private static Document takeMetadata(String montageId, String takeId) {
        return new Document("montageId", montageId).append("takeId", takeId).append("contentType", "video/mp4");
    }

    public String uploadThumbnail(byte[] jpeg, String montageId) {
        GridFSUploadOptions options = new GridFSUploadOptions()
                .metadata(new Document("montageId", montageId).append("contentType", "image/jpeg"));
        return bucket(GridFsBuckets.THUMBNAILS).uploadFromStream(montageId + ".jpg", new ByteArrayInputStream(jpeg),
                options).toHexString();
    }

    /** A still's bytes; empty when it is gone or the id names none. */
    public java.util.Optional<byte[]> thumbnail(String thumbnailId) {
        if (thumbnailId == null || !ObjectId.isValid(thumbnailId)) {
            return java.util.Optional.empty();
        }
        try (InputStream in = bucket(GridFsBuckets.THUMBNAILS).openDownloadStream(new ObjectId(thumbnailId))) {
            return java.util.Optional.of(in.readAllBytes());
        } catch (MongoGridFSException | IOException gone) {
            return java.util.Optional.empty();
        }
    }

    public String uploadFilm(Path film, String montageId, String fileName) throws IOException {
        GridFSUploadOptions options = new GridFSUploadOptions().chunkSizeBytes(CHUNK_BYTES)
                .metadata(new Document("montageId", montageId).append("contentType", "video/mp4"));
        try (InputStream in = Files.newInputStream(film)) {
            return bucket(GridFsBuckets.VIDEOS).uploadFromStream(fileName, in, options).toHexString();
        }
    }

    /** Keeps a music bed as uploaded. */
    public String uploadMusic(Path music, String montageId, String fileName) throws IOException {
        GridFSUploadOptions options = new GridFSUploadOptions().chunkSizeBytes(CHUNK_BYTES)
                .metadata(new Document("montageId", montageId));
        try (InputStream in = Files.newInputStream(music)) {
            return bucket(GridFsBuckets.MUSIC).uploadFromStream(fileName, in, options).toHexString();
        }
    }

    public void downloadMusic(String fileId, Path target) throws IOException {
        try (var in = bucket(GridFsBuckets.MUSIC).openDownloadStream(new ObjectId(fileId)).batchSize(4)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a music bed's sound; nothing for a null id. */
    public void deleteMusic(String fileId) {
        delete(GridFsBuckets.MUSIC, fileId);
    }

    /** Whether GridFS still holds this normalised take (a lookup by id). */
    public boolean takeExists(String normalisedId) {
        if (!ObjectId.isValid(normalisedId)) {
            return false;
        }
        return bucket(GridFsBuckets.NORMALISED).find(Filters.eq("_id", new ObjectId(normalisedId))).first() != null;
    }

    /** Deletes a normalised take; nothing for a null id. */
    public void deleteTake(String normalisedId) {
        cache.forget(normalisedId);
        delete(GridFsBuckets.NORMALISED, normalisedId);
    }

    /**
     * Deletes a take's copy its take no longer uses (made again, or trimmed anew), unless the montage's film still
     * names it as one of its pieces: then it stays while that film is served, and goes when a new film replaces it
     * ({@code FilmKeeper}) or, after a crash, with the {@code StorageSweeper}. Nothing for a null id.
     */
    public void retireTake(String montageId, String normalisedId) {
        if (normalisedId == null) {
            return;
        }
        Document render = mongo.getMongoDatabase().getCollection(MongoCollections.RENDERS)
                .find(Filters.eq("_id", montageId)).projection(Projections.include("pieces")).first();
        boolean inFilm = render != null && render.getList("pieces", Document.class, List.of()).stream()
                .anyMatch(piece -> normalisedId.equals(piece.get("fileId")));
        if (inFilm) {
            log.info("Take copy {} of montage {} is kept until its film is replaced", normalisedId, montageId);
            return;
        }
        deleteTake(normalisedId);
    }

    /** Deletes a still; nothing for a null id. */
    public void deleteThumbnail(String thumbnailId) {
        delete(GridFsBuckets.THUMBNAILS, thumbnailId);
    }

    /** Deletes a film; nothing for a null id. */
    public void deleteFilm(String videoId) {
        delete(GridFsBuckets.VIDEOS, videoId);
    }

    /** Deletes every file of the montage, in every bucket and on this instance's disk; returns how many there were. */
    public int deleteAllOf(String montageId) {
        cache.forgetMontage(montageId);
        int files = 0;
        for (String name : GridFsBuckets.ALL) {
            GridFSBucket bucket = bucket(name);
            for (GridFSFile file : bucket.find(Filters.eq("metadata.montageId", montageId))) {
                bucket.delete(file.getId());
                files++;
            }
        }
        return files;
    }

    private void delete(String bucket, String id) {
        if (id == null) {
            return;
        }
        try {
            bucket(bucket).delete(new ObjectId(id));
        } catch (MongoGridFSException alreadyGone) {
            log.debug("File {} of {} was already gone", id, bucket);
        }
    }

    private GridFSBucket bucket(String name) {
        return GridFSBuckets.create(mongo.getMongoDatabase(), name);
    }
}
