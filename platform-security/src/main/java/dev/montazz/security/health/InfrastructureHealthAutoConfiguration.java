package dev.montazz.security.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.bson.Document;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Readiness that reports the infrastructure, whichever it is: MongoDB by a {@code ping} (which both MongoDB and the
 * embedded MongoDB-wire server answer; Boot's own check needs the {@code hello} command the embedded server lacks,
 * so it was switched off on the local stack and readiness said nothing of MongoDB there), and Kafka by asking the
 * cluster for its brokers. Each service's readiness group includes them ({@code mongoPing}, {@code kafkaCluster}).
 */
@AutoConfiguration(afterName = {"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
@ConditionalOnClass(HealthIndicator.class)
public class InfrastructureHealthAutoConfiguration {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MongoTemplate.class)
    static class Mongo {

        @Bean
        @ConditionalOnBean(MongoTemplate.class)
        HealthIndicator mongoPingHealthIndicator(MongoTemplate mongo) {
            return () -> {
                Document answer = mongo.getDb().runCommand(new Document("ping", 1));
                return Health.up().withDetail("database", mongo.getDb().getName())
                        .withDetail("ok", answer.get("ok")).build();
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaAdmin.class)
    static class Kafka {

        @Bean(destroyMethod = "close")
        @ConditionalOnBean(KafkaAdmin.class)
        KafkaCluster kafkaClusterHealthIndicator(KafkaAdmin admin) {
            return new KafkaCluster(admin.getConfigurationProperties());
        }

        /**
         * The shared producer is made while the service starts, not by the first request that publishes: making it
         * (and the broker handing it a producer id) took the first chunk after a start 0.3 s in ingest and as much
         * again in merge's receipt, on top of everything else cold.
         */
        @Bean
        @ConditionalOnBean(ProducerFactory.class)
        ApplicationListener<ApplicationStartedEvent> kafkaProducerWarmUp(ProducerFactory<?, ?> producers) {
            return started -> producers.createProducer().close();
        }
    }

    /** Up when the cluster names its brokers within a few seconds; one admin client, made on first use. */
    static final class KafkaCluster implements HealthIndicator, AutoCloseable {

        private final Map<String, Object> config;
        private AdminClient client;

        KafkaCluster(Map<String, Object> config) {
            this.config = config;
        }

        @Override
        public synchronized Health health() {
            try {
                if (client == null) {
                    client = AdminClient.create(config);
                }
                int brokers = client.describeCluster(new DescribeClusterOptions()
                        .timeoutMs((int) TIMEOUT.toMillis())).nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .size();
                return Health.up().withDetail("brokers", brokers).build();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return Health.down().withDetail("error", String.valueOf(e.getMessage())).build();
            }
        }

        @Override
        public synchronized void close() {
            if (client != null) {
                client.close(Duration.ofSeconds(1));
            }
        }
    }
}
