package dev.montazz.portal.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.chunk.Container;
import dev.montazz.contract.render.RenderView;
import dev.montazz.portal.video.StoredFilm;
import dev.montazz.contract.take.ChunkView;
import dev.montazz.contract.take.TakeView;
import dev.montazz.portal.montage.Montage;
import dev.montazz.portal.video.FileNames;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a person gave, as one ZIP archive written straight to the answer (never whole in memory): the films of
 * their montages, every take they recorded (its chunks joined, as the browser recorded it, or its normalised copy once
 * merge let the recording go), and {@code montages.json}
 * with the details. Reads the portal's montages and merge's renders, takes, chunks and films; writes nothing.
 */
@Component
class DataExport {

    private final MongoTemplate mongo;
    private final MongoDatabaseFactory databases;
    private final JsonMapper json;

    DataExport(MongoTemplate mongo, MongoDatabaseFactory databases, JsonMapper json) {
        this.mongo = mongo;
        this.databases = databases;
        this.json = json;
    }

    void write(String username, OutputStream answer) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(answer, StandardCharsets.UTF_8);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("account", username);
        details.put("exportedAt", Instant.now().toString());
        details.put("montages", ownMontages(username, zip));
        details.put("takes", takes(username, zip));
        zip.putNextEntry(new ZipEntry("montages.json"));
        zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(details));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("README.txt"));
        zip.write(("Everything you gave Montazz, exported " + Instant.now() + ".\n"
                + "films/   the film of each montage of yours, as it is now\n"
                + "takes/   every take you recorded, in any montage, as your browser recorded it (.webm or .mp4), or,\n"
                + "         for takes recorded long enough ago, in the film's format (.mp4, see asRecorded)\n"
                + "montages.json   your montages' details, and where each take was recorded\n")
                .getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
    }

    private List<Map<String, Object>> ownMontages(String username, ZipOutputStream zip) throws IOException {
        List<Map<String, Object>> montages = new ArrayList<>();
        for (Montage montage : mongo.find(Query.query(Criteria.where("owner").is(username))
                .with(Sort.by("createdAt")), Montage.class)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", montage.id());
            entry.put("title", montage.title());
            entry.put("visibility", montage.visibility());
            entry.put("layout", montage.layout());
            entry.put("transition", montage.transition());
            entry.put("maxShotSeconds", montage.maxShotSeconds());
            entry.put("contributorNames", montage.contributorNames());
            entry.put("createdAt", String.valueOf(montage.createdAt()));
            RenderView render = mongo.findById(montage.id(), RenderView.class, MongoCollections.RENDERS);
            if (render != null && render.playable()) {
                String file = "films/" + FileNames.stem(montage.title()) + "-" + montage.id() + ".mp4";
                Optional<StoredFilm> film = StoredFilm.of(databases.getMongoDatabase(), render);
                if (film.isPresent()) {
                    zip.putNextEntry(new ZipEntry(file));
                    try (InputStream in = film.get().getInputStream()) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                    entry.put("film", file);
                    entry.put("durationSeconds", render.durationSeconds());
                }
            }
            montages.add(entry);
        }
        return montages;
    }

    private List<Map<String, Object>> takes(String username, ZipOutputStream zip) throws IOException {
        List<Map<String, Object>> takes = new ArrayList<>();
        int n = 0;
        for (TakeView take : mongo.find(Query.query(Criteria.where(TakeView.CONTRIBUTOR_ID).is(username))
                .with(Sort.by(TakeView.STARTED_AT)), TakeView.class, MongoCollections.TAKES)) {
            Montage montage = mongo.findById(take.montageId(), Montage.class);
            String title = montage == null ? "montage" : montage.title();
            // Once merge let a take's recording go, its copy in the film's format is all there is of it.
            boolean asRecorded = take.chunksReleasedAt() == null;
            if (!asRecorded && take.normalisedId() == null) {
                continue;
            }
            String extension = asRecorded ? Container.fromWire(take.container()).orElse(Container.WEBM).extension()
                    : ".mp4";
            String file = "takes/" + FileNames.stem(title) + "-" + take.montageId() + "/" + (++n) + extension;
            if (asRecorded) {
                zip.putNextEntry(new ZipEntry(file));
                writeRecording(take, zip);
                zip.closeEntry();
            } else {
                copy(GridFSBuckets.create(databases.getMongoDatabase(), GridFsBuckets.NORMALISED), take.normalisedId(),
                        file, zip);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", file);
            entry.put("montageId", take.montageId());
            entry.put("montageTitle", title);
            entry.put("startedAt", String.valueOf(take.startedAt()));
            entry.put("seconds", take.seconds());
            entry.put("asRecorded", asRecorded);
            takes.add(entry);
        }
        return takes;
    }

    private void writeRecording(TakeView take, ZipOutputStream zip) throws IOException {
        Query chunks = Query.query(Criteria.where(ChunkView.TAKE_ID).is(take.id())).with(Sort.by(ChunkView.SEQUENCE));
        // Small batches: chunks are up to a few MiB each.
        chunks.cursorBatchSize(4);
        try (Stream<ChunkView> stream = mongo.stream(chunks, ChunkView.class, MongoCollections.CHUNKS)) {
            for (ChunkView chunk : (Iterable<ChunkView>) stream::iterator) {
                // Chunks past the take's end were never acknowledged as part of it.
                if (take.lastSequence() == null || chunk.sequence() <= take.lastSequence()) {
                    zip.write(chunk.data());
                }
            }
        }
    }

    private static void copy(GridFSBucket bucket, String id, String name, ZipOutputStream zip) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        try (InputStream in = bucket.openDownloadStream(new ObjectId(id)).batchSize(2)) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }
}
