package dev.montazz.auth;

import dev.montazz.contract.Topics;
import dev.montazz.contract.testing.EventContract;
import dev.montazz.stack.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** auth-service's side of the account deletions topic, with the JSON mapper it really uses (docs/kafka-contract.md). */
@EmbeddedKafka(partitions = 1)
@SpringBootTest
class AuthContractTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "auth-contract");
    }

    @Autowired
    private JsonMapper json;

    @Test
    void announcesDeletedAccountsAsDocumented() {
        EventContract.assertProducerWrites(json, Topics.ACCOUNT_DELETIONS);
    }
}
