package dev.montazz.merge.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import dev.montazz.contract.GridFsBuckets;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Files merge-service keeps in GridFS: rendered films (bucket {@code videos}, which portal-service streams from),
 * stills (bucket {@code thumbnails}) and takes in the film's format (bucket {@code normalised}, only merge reads them).
 * Every file carries its montage's id in its metadata.
 */
@Component
class VideoStore {

    private static final int CHUNK_BYTES = 1024 * 1024;

    private final MongoDatabaseFactory mongo;

    VideoStore(MongoDatabaseFactory mongo) {
        this.mongo = mongo;
    }

    private GridFSBucket bucket() {
        return GridFSBuckets.create(mongo.getMongoDatabase(), GridFsBuckets.VIDEOS);
    }

    private GridFSBucket thumbnails() {
        return GridFSBuckets.create(mongo.getMongoDatabase(), GridFsBuckets.THUMBNAILS);
    }

    private GridFSBucket normalised() {
        return GridFSBuckets.create(mongo.getMongoDatabase(), GridFsBuckets.NORMALISED);
    }

    String uploadTake(Path take, String montageId, String takeId, String fileName) throws IOException {
        GridFSUploadOptions options = new GridFSUploadOptions().chunkSizeBytes(CHUNK_BYTES)
                .metadata(new Document("montageId", montageId).append("takeId", takeId)
                        .append("contentType", "video/mp4"));
        try (InputStream in = Files.newInputStream(take)) {
            return normalised().uploadFromStream(fileName + ".mp4", in, options).toHexString();
        }
    }

    /** Streams in small batches: the embedded MongoDB-wire server cannot send replies over about 48 MB. */
    void downloadTake(String normalisedId, Path target) throws IOException {
        try (var in = normalised().openDownloadStream(new ObjectId(normalisedId)).batchSize(4)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    void deleteTake(String normalisedId) {
        normalised().delete(new ObjectId(normalisedId));
    }

    String uploadThumbnail(byte[] jpeg, String montageId) {
        GridFSUploadOptions options = new GridFSUploadOptions()
                .metadata(new Document("montageId", montageId).append("contentType", "image/jpeg"));
        return thumbnails().uploadFromStream(montageId + ".jpg", new java.io.ByteArrayInputStream(jpeg), options)
                .toHexString();
    }

    void deleteThumbnail(String thumbnailId) {
        thumbnails().delete(new ObjectId(thumbnailId));
    }

    String upload(Path film, String montageId, String fileName) throws IOException {
        GridFSUploadOptions options = new GridFSUploadOptions().chunkSizeBytes(CHUNK_BYTES)
                .metadata(new Document("montageId", montageId).append("contentType", "video/mp4"));
        try (InputStream in = Files.newInputStream(film)) {
            return bucket().uploadFromStream(fileName, in, options).toHexString();
        }
    }

    void delete(String videoId) {
        bucket().delete(new ObjectId(videoId));
    }
}
