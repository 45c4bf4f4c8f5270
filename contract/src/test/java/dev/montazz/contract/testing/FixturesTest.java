package dev.montazz.contract.testing;

import dev.montazz.contract.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The fixtures agree with each other under plain Jackson, so a failing service test points at that service. */
class FixturesTest {

    static java.util.List<String> topics() {
        return Fixtures.jsonTopics();
    }

    @ParameterizedTest
    @MethodSource("topics")
    void theExampleJsonIsTheExampleEvent(String topic) {
        JsonMapper plain = JsonMapper.builder().build();
        EventContract.assertConsumerReads(plain, topic);
        EventContract.assertProducerWrites(plain, topic);
    }

    static {
        // Every JSON topic has a fixture: the chunks topic carries bytes, every other topic events.
        if (Fixtures.jsonTopics().size() != Topics.ALL.size() - 1) {
            throw new IllegalStateException("A topic without a fixture");
        }
    }
}
