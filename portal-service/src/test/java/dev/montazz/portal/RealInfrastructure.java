package dev.montazz.portal;

import dev.montazz.stack.TestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a portal test at real servers: a database of its own on the MongoDB-wire server (or {@code MONGODB_URI}) and
 * the class's embedded KRaft broker (or {@code KAFKA_BOOTSTRAP}).
 */
public final class RealInfrastructure {

    private RealInfrastructure() {
    }

    public static void register(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.mongodb.uri", () -> TestInfrastructure.newMongoDatabaseUri(database));
        registry.add("management.health.mongodb.enabled", () -> "false");
        registry.add("spring.kafka.bootstrap-servers",
                () -> TestInfrastructure.realKafka().orElse(System.getProperty("spring.embedded.kafka.brokers")));
    }
}
