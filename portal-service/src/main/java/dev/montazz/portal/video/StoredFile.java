package dev.montazz.portal.video;

import java.io.InputStream;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.model.GridFSFile;
import org.springframework.core.io.AbstractResource;

/**
 * A file in GridFS (a film or a poster) as a Spring {@code Resource}, so Spring MVC serves it with HTTP Range support.
 * It streams in small cursor batches: a whole film is never in memory, and no reply exceeds what the embedded
 * MongoDB-wire server can send.
 */
final class StoredFile extends AbstractResource {

    private static final int CURSOR_BATCH = 2;

    private final GridFSBucket bucket;
    private final GridFSFile file;

    StoredFile(GridFSBucket bucket, GridFSFile file) {
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
        return "GridFS file " + file.getObjectId().toHexString();
    }
}
