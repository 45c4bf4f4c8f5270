package dev.montazz.merge.take;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.montazz.contract.Topics;
import dev.montazz.contract.render.RenderRequest;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Asks for a montage to be rendered. Sent synchronously so a confirmed last chunk always leads to a render. */
@Component
public class RenderRequests {

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    RenderRequests(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    public void request(String montageId, String reason) {
        byte[] value = json.writeValueAsBytes(new RenderRequest(montageId, reason, Instant.now()));
        try {
            kafka.send(Topics.RENDER_REQUESTS, montageId, value).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not request a render of " + montageId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while requesting a render of " + montageId, e);
        }
    }
}
