package dev.montazz.contract.testing;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract test of a topic's JSON, for each side to run with the mapper it really uses: a producer writes the
 * fixture event as the fixture JSON (same fields, same types, dates as ISO-8601 strings), a consumer reads the fixture
 * JSON as the fixture event.
 */
public final class EventContract {

    private EventContract() {
    }

    /** What this producer's mapper writes for the topic's fixture event is the fixture JSON. */
    public static void assertProducerWrites(JsonMapper producer, String topic) {
        JsonNode written = producer.readTree(producer.writeValueAsBytes(Fixtures.event(topic)));
        JsonNode expected = producer.readTree(Fixtures.json(topic));
        assertThat(written).as("what is written on %s", topic).isEqualTo(expected);
    }

    /** This consumer's mapper reads the topic's fixture JSON as the fixture event. */
    public static void assertConsumerReads(JsonMapper consumer, String topic) {
        Object expected = Fixtures.event(topic);
        assertThat(consumer.readValue(Fixtures.json(topic), expected.getClass())).as("what is read from %s", topic)
                .isEqualTo(expected);
    }
}
