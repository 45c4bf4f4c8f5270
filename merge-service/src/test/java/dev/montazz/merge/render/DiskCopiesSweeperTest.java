package dev.montazz.merge.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.mongodb.client.gridfs.GridFSBuckets;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.MongoCollections;
import dev.montazz.merge.MergeOnRealInfrastructure;
import dev.montazz.merge.files.MediaCache;
import dev.montazz.merge.files.MediaCacheProperties;
import dev.montazz.merge.files.MediaFiles;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What another merge instance deleted (a montage, an account's takes) or replaced (a title card naming someone who
 * left) goes from this instance's disk at its next sweep; what is still in use stays.
 */
class DiskCopiesSweeperTest extends MergeOnRealInfrastructure {

    @Autowired
    DiskCopiesSweeper sweeper;

    @Autowired
    MediaFiles files;

    @Autowired
    MediaCache cache;

    @Autowired
    MediaCacheProperties properties;

    @Autowired
    MongoTemplate mongo;

    @TempDir
    Path dir;

    @Test
    void copiesOfWhatWasDeletedElsewhereGoAndWhatIsInUseStays() throws IOException {
        String kept = montage();
        String keptTake = files.uploadTake(clip("kept"), kept, "t1", "t1");
        String purgedElsewhere = montage();
        files.uploadTake(clip("purged"), purgedElsewhere, "t2", "t2");
        cache.keep(purgedElsewhere, LayoutTools.TITLE_CARD + "abc", clip("purged-title"));
        String accountGone = montage();
        String theirTake = files.uploadTake(clip("theirs"), accountGone, "t3", "t3");
        Instant filmMade = Instant.now().minus(Duration.ofMinutes(30));
        filmMadeAt(kept, filmMade);
        cache.keep(kept, LayoutTools.TITLE_CARD + "shown", clip("shown"));
        cache.keep(kept, LayoutTools.TITLE_CARD + "before", clip("before"));
        lastUsed(kept, LayoutTools.TITLE_CARD + "before", filmMade.minus(Duration.ofHours(1)));
        cache.keep(accountGone, LayoutTools.TITLE_CARD + "new", clip("new"));
        assertThat(cachedOf(kept)).hasSize(3);

        // Another instance purged a montage (its files and document) and an account's take, and told this one nothing.
        mongo.remove(new Document("_id", purgedElsewhere), MongoCollections.MONTAGES);
        GridFSBuckets.create(mongo.getDb(), GridFsBuckets.NORMALISED).delete(new ObjectId(theirTake));

        sweeper.sweep();

        assertThat(cachedOf(purgedElsewhere)).as("a montage deleted elsewhere").isEmpty();
        assertThat(cachedOf(accountGone)).as("a take deleted elsewhere goes; a title card just made stays")
                .containsExactly(accountGone + "." + LayoutTools.TITLE_CARD + "new.mp4");
        assertThat(cachedOf(kept)).as("the take in use and the card of the film as it is now")
                .containsExactlyInAnyOrder(kept + "." + keptTake + ".mp4",
                        kept + "." + LayoutTools.TITLE_CARD + "shown.mp4");
    }

    private String montage() {
        String id = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        mongo.insert(new Document("_id", id).append("title", "Swept"), MongoCollections.MONTAGES);
        return id;
    }

    private void filmMadeAt(String montage, Instant renderedAt) {
        mongo.insert(new Document("_id", montage).append("status", "READY").append("renderedAt", Date.from(renderedAt))
                .append("renderMillis", 2000L), MongoCollections.RENDERS);
    }

    private Path clip(String name) throws IOException {
        return Files.write(dir.resolve(name + ".mp4"), name.getBytes());
    }

    private void lastUsed(String montage, String key, Instant when) throws IOException {
        Files.setLastModifiedTime(properties.dir().resolve(montage + "." + key + ".mp4"), FileTime.from(when));
    }

    private List<String> cachedOf(String montage) throws IOException {
        try (Stream<Path> entries = Files.list(properties.dir())) {
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> name.startsWith(montage + "."))
                    .toList();
        }
    }
}
