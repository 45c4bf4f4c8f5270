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
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import dev.montazz.portal.video.FileNames;
import org.bson.Document;
import org.bson.types.Binary;
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
 * their montages, every take they recorded (its chunks joined, as the browser recorded it), and {@code montages.json}
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
                + "takes/   every take you recorded, in any montage, as your browser recorded it\n"
                + "montages.json   your montages' details, and where each take was recorded\n")
                .getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
    }

    private List<Map<String, Object>> ownMontages(String username, ZipOutputStream zip) throws IOException {
        List<Map<String, Object>> montages = new ArrayList<>();
        for (Document montage : mongo.find(Query.query(Criteria.where("owner").is(username))
                .with(Sort.by("createdAt")), Document.class, "montages")) {
            Map<String, Object> entry = new LinkedHashMap<>();
            String id = montage.getString("_id");
            entry.put("id", id);
            for (String field : List.of("title", "visibility", "layout", "transition", "maxShotSeconds",
                    "contributorNames")) {
                entry.put(field, montage.get(field));
            }
            entry.put("createdAt", String.valueOf(montage.get("createdAt")));
            Document render = mongo.findById(id, Document.class, "renders");
            if (render != null && render.getString("videoId") != null) {
                String file = "films/" + FileNames.stem(montage.getString("title")) + "-" + id + ".mp4";
                copy(GridFSBuckets.create(databases.getMongoDatabase(), "videos"), render.getString("videoId"), file,
                        zip);
                entry.put("film", file);
                entry.put("durationSeconds", render.get("durationSeconds"));
            }
            montages.add(entry);
        }
        return montages;
    }

    private List<Map<String, Object>> takes(String username, ZipOutputStream zip) throws IOException {
        List<Map<String, Object>> takes = new ArrayList<>();
        int n = 0;
        for (Document take : mongo.find(Query.query(Criteria.where("contributorId").is(username))
                .with(Sort.by("startedAt")), Document.class, "takes")) {
            Document montage = mongo.findById(take.getString("montageId"), Document.class, "montages");
            String title = montage == null ? "montage" : montage.getString("title");
            String file = "takes/" + FileNames.stem(title) + "-" + take.getString("montageId") + "/" + (++n)
                    + ("mp4".equals(take.getString("container")) ? ".mp4" : ".webm");
            zip.putNextEntry(new ZipEntry(file));
            Query chunks = Query.query(Criteria.where("takeId").is(take.getString("_id"))).with(Sort.by("sequence"));
            // Small batches: chunks are up to a few MiB each.
            chunks.cursorBatchSize(4);
            Integer last = take.getInteger("lastSequence");
            try (Stream<Document> stream = mongo.stream(chunks, Document.class, "chunks")) {
                for (Document chunk : (Iterable<Document>) stream::iterator) {
                    if (last == null || chunk.getInteger("sequence") <= last) {
                        zip.write(chunk.get("data", Binary.class).getData());
                    }
                }
            }
            zip.closeEntry();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", file);
            entry.put("montageId", take.getString("montageId"));
            entry.put("montageTitle", title);
            entry.put("startedAt", String.valueOf(take.get("startedAt")));
            entry.put("seconds", take.get("seconds"));
            takes.add(entry);
        }
        return takes;
    }

    private static void copy(GridFSBucket bucket, String id, String name, ZipOutputStream zip) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        try (InputStream in = bucket.openDownloadStream(new ObjectId(id)).batchSize(2)) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }
}
