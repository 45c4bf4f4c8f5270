package dev.montazz.portal.render;

import dev.montazz.contract.Topics;
import dev.montazz.contract.render.RenderProgress;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every portal instance reads every progress event (a consumer group of its own), from the newest on: open pages can
 * be connected to any instance, and old progress is of no use to anyone.
 */
@Component
class RenderProgressListener {

    private final LiveProgress live;
    private final JsonMapper json;

    RenderProgressListener(LiveProgress live, JsonMapper json) {
        this.live = live;
        this.json = json;
    }

    @KafkaListener(id = "render-progress", topics = Topics.RENDER_PROGRESS,
            groupId = "portal-progress-${random.uuid}", properties = "auto.offset.reset=latest")
    void onProgress(byte[] value) {
        live.publish(json.readValue(value, RenderProgress.class));
    }
}
