package dev.montazz.portal.render;

import java.time.Instant;

import dev.montazz.contract.Topics;
import dev.montazz.contract.render.RenderProgress;
import dev.montazz.contract.render.RenderRequest;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.portal.Broker;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Asks merge-service to render a montage again; answered only once the broker has the request. */
@Component
public class RenderRequests {

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final LiveProgress live;

    RenderRequests(KafkaTemplate<String, byte[]> kafka, JsonMapper json,
            LiveProgress live) {
        this.kafka = kafka;
        this.json = json;
        this.live = live;
    }

    public void request(String montageId, String reason) {
        Instant now = Instant.now();
        byte[] value = json.writeValueAsBytes(new RenderRequest(montageId, reason, now));
        Broker.sendAndWait(kafka, Topics.RENDER_REQUESTS, montageId, value,
                "a render request for " + montageId);
        // Pages open on this instance hear at once that it is queued; merge takes it from there.
        live.publish(new RenderProgress(montageId, RenderStatus.QUEUED, 0, null, "Waiting for a renderer", null, now));
    }
}
