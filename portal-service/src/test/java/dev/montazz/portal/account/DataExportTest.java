package dev.montazz.portal.account;

import static dev.montazz.security.testing.TestUsers.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.mongodb.client.gridfs.GridFSBuckets;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.MongoCollections;
import dev.montazz.stack.TestInfrastructure;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's archive holds every take they recorded: as the browser recorded it while merge keeps the recording, and
 * as its copy in the film's format once merge let the recording go (written the way merge writes takes and chunks).
 */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1)
class DataExportTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "portal-export");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    JsonMapper json;

    @Test
    void aTakeWhoseRecordingWentIsInTheArchiveAsItsNormalisedCopy() throws Exception {
        mongo.insert(new Document("_id", "m-export").append("title", "Export").append("owner", "dora")
                .append("contributors", List.of("dora")).append("visibility", "PRIVATE"), MongoCollections.MONTAGES);
        byte[] recorded = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 1, 2, 3};
        take("m-export/dora/new", new Date(2_000), null, null);
        mongo.insert(new Document("_id", "m-export/dora/new:0").append("montageId", "m-export")
                .append("takeId", "m-export/dora/new").append("sequence", 0).append("data", new Binary(recorded)),
                MongoCollections.CHUNKS);
        byte[] normalised = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 9, 9};
        String copy = GridFSBuckets.create(mongo.getDb(), GridFsBuckets.NORMALISED)
                .uploadFromStream("old.mp4", new ByteArrayInputStream(normalised)).toHexString();
        take("m-export/dora/old", new Date(1_000), copy, new Date());

        byte[] zip = mvc.perform(get("/account/export").with(page("dora"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsByteArray();

        Map<String, byte[]> files = unzip(zip);
        assertThat(files).containsKey("takes/Export-m-export/1.mp4").containsKey("takes/Export-m-export/2.webm");
        assertThat(files.get("takes/Export-m-export/1.mp4")).as("the old take, as merge keeps it now")
                .isEqualTo(normalised);
        assertThat(files.get("takes/Export-m-export/2.webm")).as("the recent one, as recorded").isEqualTo(recorded);
        JsonNode takes = json.readTree(files.get("montages.json")).get("takes");
        assertThat(takes.get(0).get("asRecorded").asBoolean()).isFalse();
        assertThat(takes.get(1).get("asRecorded").asBoolean()).isTrue();
    }

    private void take(String id, Date startedAt, String normalisedId, Date chunksReleasedAt) {
        Document take = new Document("_id", id).append("montageId", "m-export").append("contributorId", "dora")
                .append("contributor", "Dora").append("container", "webm").append("startedAt", startedAt)
                .append("lastSequence", 0).append("seconds", 1.0).append("normalisedId", normalisedId);
        if (chunksReleasedAt != null) {
            take.append("chunksReleasedAt", chunksReleasedAt);
        }
        mongo.insert(take, MongoCollections.TAKES);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
