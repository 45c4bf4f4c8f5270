package dev.montazz.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack keeps what it was given: both the broker and the MongoDB-wire server survive a restart. */
class LocalInfrastructureTest {

    @TempDir
    Path data;

    @Test
    void mongoDataSurvivesARestart() {
        Path file = data.resolve("mongo.mv");
        try (LocalMongo mongo = LocalMongo.onDisk(file, 0); MongoClient client = MongoClients.create(mongo.uri("x"))) {
            client.getDatabase("x").getCollection("montages").insertOne(new Document("_id", "m1").append("title", "Kept"));
        }
        try (LocalMongo mongo = LocalMongo.onDisk(file, 0); MongoClient client = MongoClients.create(mongo.uri("x"))) {
            Document montage = client.getDatabase("x").getCollection("montages").find().first();
            assertThat(montage).containsEntry("title", "Kept");
        }
    }

    @Test
    void aRealBrokerKeepsRecordsAcrossARestart() throws Exception {
        int port = Platform.freePort();
        int controller = Platform.freePort();
        try (LocalKafka kafka = LocalKafka.start(data, port, controller);
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                        kafka.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
            producer.send(new ProducerRecord<>("kept", "k", "hello")).get();
        }
        try (LocalKafka kafka = LocalKafka.start(data, port, controller);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                        kafka.bootstrapServers(), "group.id", "reader", "auto.offset.reset", "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("kept"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 60 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(records.records("kept")).extracting(r -> r.value()).containsExactly("hello");
        }
    }

    @Test
    void testsGetAFreshDatabaseEachTime() {
        assertThat(TestInfrastructure.newMongoDatabaseUri("a")).isNotEqualTo(TestInfrastructure.newMongoDatabaseUri("a"));
        assertThat(TestInfrastructure.withDatabase("mongodb://h:1/old?retryWrites=false", "new"))
                .isEqualTo("mongodb://h:1/new?retryWrites=false");
        assertThat(TestInfrastructure.withDatabase("mongodb://h:1", "new")).isEqualTo("mongodb://h:1/new");
    }

    @Test
    void noPortIsHandedOutTwiceInOneRun() throws Exception {
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        for (int i = 0; i < 2000; i++) {
            assertThat(ports.add(Platform.freePort())).as("port %d handed out again", i).isTrue();
        }
    }
}
