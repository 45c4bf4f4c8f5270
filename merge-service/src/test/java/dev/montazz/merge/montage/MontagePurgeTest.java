package dev.montazz.merge.montage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import dev.montazz.contract.MongoCollections;
import dev.montazz.merge.MergeOnRealInfrastructure;
import dev.montazz.merge.files.MediaFiles;
import dev.montazz.merge.take.MontageTakes;
import dev.montazz.merge.usage.StorageUsage;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deleted montage's chunks go, all of them, and the store is never asked to remove a whole take by a filter: the
 * embedded MongoDB-wire server holds every document such a remove matches in memory at once, and a take of gigabytes
 * took its JVM out of memory (ChunkRoundTripBenchmark's 4.4 GB take). Watched on the wire, as the store sees it.
 */
class MontagePurgeTest extends MergeOnRealInfrastructure {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MediaFiles files;

    @Autowired
    StorageUsage usage;

    @Autowired
    JsonMapper json;

    @Autowired
    MontageTakes montageTakes;

    @Value("${spring.mongodb.uri}")
    String uri;

    @Test
    void aDeletedMontagesChunksGoOneByOneAndAllOfThem() {
        String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "m-" + UUID.randomUUID().toString().substring(0, 8);
        String finished = montage + "/ann/t1";
        String recording = montage + "/bob/t2";
        take(finished, montage, 2);
        take(recording, montage, null);
        chunks(finished, montage, 3);
        chunks(recording, montage, 2);
        // An upload's part on its way: no take names it.
        chunk(montage + "/ann/music.u1", montage, 0);
        String kept = other + "/cleo/t3";
        take(kept, other, 0);
        chunks(kept, other, 1);

        Deletes deletes = new Deletes();
        ConnectionString connection = new ConnectionString(uri);
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(connection)
                .addCommandListener(deletes).build())) {
            new MontagePurge(new MongoTemplate(client, mongo.getDb().getName()), files, usage, json, montageTakes)
                    .purge(montage);
        }

        assertThat(mongo.count(Query.query(Criteria.where("montageId").is(montage)), MongoCollections.CHUNKS))
                .as("every chunk of the montage is gone").isZero();
        assertThat(mongo.count(Query.query(Criteria.where("montageId").is(other)), MongoCollections.CHUNKS))
                .as("another montage's stay").isEqualTo(1);
        assertThat(deletes.byFilter()).as("removed by a filter other than their id: only what no take names")
                .isEqualTo(1);
        assertThat(deletes.byId()).as("the takes' chunks, one by one").isEqualTo(5);
    }

    private void take(String takeId, String montage, Integer lastSequence) {
        Document take = new Document("_id", takeId).append("montageId", montage);
        if (lastSequence != null) {
            take.append("lastSequence", lastSequence);
        }
        mongo.insert(take, MongoCollections.TAKES);
    }

    private void chunks(String takeId, String montage, int count) {
        for (int sequence = 0; sequence < count; sequence++) {
            chunk(takeId, montage, sequence);
        }
    }

    private void chunk(String takeId, String montage, int sequence) {
        mongo.insert(new Document("_id", takeId + ":" + sequence).append("montageId", montage)
                .append("takeId", takeId).append("sequence", sequence).append("data", new Binary(new byte[] {1, 2})),
                MongoCollections.CHUNKS);
    }

    /** Documents removed from {@code chunks}, told apart by whether the remove named them by {@code _id} alone. */
    private static final class Deletes implements CommandListener {

        private final Map<Integer, Boolean> byIdRequests = new ConcurrentHashMap<>();
        private final List<long[]> removed = new CopyOnWriteArrayList<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            BsonDocument command = event.getCommand();
            if ("delete".equals(event.getCommandName())
                    && MongoCollections.CHUNKS.equals(command.getString("delete").getValue())) {
                Set<String> fields = command.getArray("deletes").get(0).asDocument().getDocument("q").keySet();
                byIdRequests.put(event.getRequestId(), fields.equals(Set.of("_id")));
            }
        }

        @Override
        public void commandSucceeded(CommandSucceededEvent event) {
            Boolean byId = byIdRequests.remove(event.getRequestId());
            if (byId != null) {
                removed.add(new long[] {byId ? 1 : 0, event.getResponse().getNumber("n").longValue()});
            }
        }

        long byId() {
            return removed.stream().filter(delete -> delete[0] == 1).mapToLong(delete -> delete[1]).sum();
        }

        long byFilter() {
            return removed.stream().filter(delete -> delete[0] == 0).mapToLong(delete -> delete[1]).sum();
        }
    }
}
