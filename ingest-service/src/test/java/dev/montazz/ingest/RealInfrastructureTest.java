package dev.montazz.ingest;

import dev.montazz.stack.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * ingest-service on a real Kafka broker (embedded KRaft, or {@code KAFKA_BOOTSTRAP}) and MongoDB-wire server (or
 * {@code MONGODB_URI}), with merge-service played by {@link MergeStandIn}. Each test class gets its own database.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1)
@Import(MergeStandIn.Config.class)
public abstract class RealInfrastructureTest {

    @DynamicPropertySource
    static void realInfrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "ingest");
    }

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected MongoTemplate mongo;

    @Autowired
    protected MergeStandIn merge;
}
