package dev.montazz.portal.render;

import java.time.Instant;

import dev.montazz.portal.Broker;
import dev.montazz.portal.PortalProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Asks merge-service to render a montage again; answered only once the broker has the request. */
@Component
public class RenderRequests {

    /** The portal's side of the render-request contract (docs/kafka-contract.md). */
    record RenderRequest(String montageId, String reason, Instant requestedAt) {
    }

    private final KafkaTemplate<String, byte[]> kafka;
    private final PortalProperties properties;
    private final JsonMapper json;
    private final LiveProgress live;

    RenderRequests(KafkaTemplate<String, byte[]> kafka, PortalProperties properties, JsonMapper json,
            LiveProgress live) {
        this.kafka = kafka;
        this.properties = properties;
        this.json = json;
        this.live = live;
    }

    public void request(String montageId, String reason) {
        Instant now = Instant.now();
        byte[] value = json.writeValueAsBytes(new RenderRequest(montageId, reason, now));
        Broker.sendAndWait(kafka, properties.renderRequestsTopic(), montageId, value,
                "a render request for " + montageId);
        // Pages open on this instance hear at once that it is queued; merge takes it from there.
        live.publish(new RenderProgress(montageId, "QUEUED", 0, null, "Waiting for a renderer", null, now));
    }
}
