package dev.montazz.portal.video;

import java.io.InputStream;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.model.GridFSFile;
import org.springframework.core.io.AbstractResource;

/**
 * A film in GridFS as a Spring {@code Resource}, so Spring MVC serves it with HTTP Range support. It streams in small
 * cursor batches: the whole film is never in memory, and no reply exceeds what the embedded MongoDB-wire server sends.
 */
final class GridFsVideo extends AbstractResource {

    private static final int CURSOR_BATCH = 2;

    private final GridFSBucket bucket;
    private final GridFSFile file;

    GridFsVideo(GridFSBucket bucket, GridFSFile file) {
        this.bucket = bucket;
        this.file = file;
    }

    @Override
    public InputStream getInputStream() {
        return bucket.openDownloadStream(file.getObjectId()).batchSize(CURSOR_BATCH);
    }

    @Override
    public long contentLength() {
        return file.getLength();
    }

    @Override
    public long lastModified() {
        return file.getUploadDate().getTime();
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public String getFilename() {
        return file.getFilename();
    }

    @Override
    public String getDescription() {
        return "GridFS video " + file.getObjectId().toHexString();
    }
}
