package dev.montazz.merge.chunk;

import java.time.Clock;

import dev.montazz.contract.Topics;
import dev.montazz.contract.take.TakeStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells render workers how far a take being recorded is stored, so they can normalise it as it comes. Never awaited:
 * the chunk's receipt does not wait for news, and news that is lost only means the take is normalised when it ends.
 */
@Component
class TakesStoredNews {

    private static final Logger log = LoggerFactory.getLogger(TakesStoredNews.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final Clock clock;

    TakesStoredNews(KafkaTemplate<String, byte[]> kafka, JsonMapper json, Clock clock) {
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    /** The take's chunks are stored up to {@code sequence}; {@code last}: it ends there. */
    void stored(String montageId, String takeId, int sequence, boolean last) {
        byte[] value = json.writeValueAsBytes(new TakeStored(montageId, takeId, sequence, last, clock.instant()));
        kafka.send(Topics.TAKES_STORED, montageId, value).whenComplete((sent, failure) -> {
            if (failure != null) {
                log.warn("News that take {} is stored up to chunk {} was not sent: {}", takeId, sequence,
                        failure.toString());
            }
        });
    }
}
