package dev.montazz.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.montazz.contract.account.AccountDeleted;
import dev.montazz.contract.chunk.ChunkHeaders;
import dev.montazz.contract.chunk.StoreReply;
import dev.montazz.contract.live.LiveAudience;
import dev.montazz.contract.montage.MontageDeleted;
import dev.montazz.contract.render.RenderProgress;
import dev.montazz.contract.render.RenderRequest;
import dev.montazz.contract.take.TakeStored;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.contract.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * docs/kafka-contract.md and README's collections table are what people read; these tests hold them to this module,
 * so a topic, header, field or collection changed here and not there (or the other way) fails the build.
 */
class WrittenContractTest {

    private static final Path ROOT = Path.of("..");

    private final String doc = read("docs/kafka-contract.md");
    private final String readme = read("README.md");

    @Test
    void everyTopicIsInTheTableWithItsOwnerAndPartitions() {
        for (TopicSpec topic : Topics.ALL) {
            String row = row(doc, "`" + topic.name() + "`");
            assertThat(row).as("row of %s", topic.name())
                    .contains(shortName(topic.declaredBy()))
                    .contains(topic.partitions() + (topic.partitions() == 1 ? " partition" : " partitions"));
            if (topic.retention() != null) {
                assertThat(row).contains("retention " + topic.retention().toDays() + " day");
            }
        }
        assertThat(tableNames(doc, "| `montazz.")).containsExactlyInAnyOrderElementsOf(
                Topics.ALL.stream().map(TopicSpec::name).toList());
    }

    @Test
    void everyChunkHeaderIsDescribedAndNoOther() {
        List<String> described = tableNames(doc, "| `montazz-");
        assertThat(described).containsExactlyInAnyOrderElementsOf(ChunkHeaders.ALL);
    }

    @Test
    void everyEventIsShownWithExactlyItsFieldsAndTheExampleIsTheFixture() {
        Map<String, Class<? extends Record>> events = Map.of(Topics.CHUNK_RECEIPTS, StoreReply.class,
                Topics.RENDER_REQUESTS, RenderRequest.class, Topics.RENDER_PROGRESS, RenderProgress.class,
                Topics.ACCOUNT_DELETIONS, AccountDeleted.class, Topics.MONTAGE_DELETIONS, MontageDeleted.class,
                Topics.LIVE_AUDIENCE, LiveAudience.class, Topics.TAKES_STORED, TakeStored.class);
        assertThat(events.keySet()).containsExactlyInAnyOrderElementsOf(Fixtures.jsonTopics());
        events.forEach((topic, type) -> {
            String example = example(type.getSimpleName());
            List<String> fields = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
            assertThat(keys(example)).as("fields of %s", type.getSimpleName()).containsExactlyElementsOf(fields);
            assertThat(squeeze(example)).as("example of %s", type.getSimpleName())
                    .isEqualTo(squeeze(new String(Fixtures.json(topic))));
        });
    }

    @Test
    void everyStatusIsNamed() {
        for (RenderStatus status : RenderStatus.values()) {
            assertThat(doc).contains("`" + status.name() + "`");
        }
        for (StoreReply.Status status : StoreReply.Status.values()) {
            assertThat(doc).contains("`" + status.name() + "`");
        }
    }

    @Test
    void readmeNamesEveryCollectionAndBucketWithItsWriter() {
        MongoCollections.WRITERS.forEach((collection, writer) -> assertThat(row(readme, "`" + collection + "`"))
                .as("README row of %s", collection).contains(writer.serviceName()));
        for (String bucket : GridFsBuckets.ALL) {
            assertThat(row(readme, "`" + bucket + "`")).contains(Service.MERGE.serviceName());
        }
    }

    /** docker-compose's MongoDB users may write only what their service owns: deploy/mongo-cluster.js lists it. */
    @Test
    void composesDatabaseUsersWriteExactlyWhatTheirServiceOwns() {
        String script = read("deploy/mongo-cluster.js");
        String owners = script.substring(script.indexOf("const owners = {"), script.indexOf("};"));
        Map<String, List<String>> granted = new java.util.TreeMap<>();
        Matcher service = Pattern.compile("(\\w+): \\[([^\\]]*)\\]").matcher(owners);
        while (service.find()) {
            granted.put(service.group(1), Pattern.compile("'([^']+)'").matcher(service.group(2)).results()
                    .map(name -> name.group(1)).toList());
        }
        Map<String, List<String>> owned = new java.util.TreeMap<>();
        for (Service writer : Service.values()) {
            owned.put(shortName(writer), MongoCollections.writtenBy(writer));
        }
        assertThat(granted.keySet()).isEqualTo(owned.keySet());
        owned.forEach((writer, collections) -> assertThat(granted.get(writer)).as("what %s may write", writer)
                .containsExactlyInAnyOrderElementsOf(collections));
    }

    private static String shortName(Service service) {
        return service.name().toLowerCase(Locale.ROOT);
    }

    /** The first row of a table of names whose first cell names {@code cell} (prose in other tables may mention it). */
    private static String row(String text, String cell) {
        return text.lines().filter(line -> line.startsWith("| `") && line.indexOf('|', 1) > 0
                && line.substring(1, line.indexOf('|', 1)).contains(cell)).findFirst()
                .orElseThrow(() -> new AssertionError("No table row names " + cell));
    }

    /** The first cell, without backquotes, of every table row starting with the prefix. */
    private static List<String> tableNames(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(3, line.indexOf('`', 3))).toList();
    }

    /** The JSON block following the heading that names the record. */
    private String example(String recordName) {
        Matcher m = Pattern.compile("(?s)## `" + recordName + "`[^\\n]*\\n.*?```json\\n(.*?)```").matcher(doc);
        assertThat(m.find()).as("a section with an example of %s", recordName).isTrue();
        return m.group(1);
    }

    private static List<String> keys(String json) {
        Matcher m = Pattern.compile("\"(\\w+)\":").matcher(json);
        List<String> keys = new java.util.ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static String squeeze(String json) {
        return json.replaceAll("\\s+", "");
    }

    private static String read(String file) {
        try {
            return Files.readString(ROOT.resolve(file));
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file, e);
        }
    }
}
