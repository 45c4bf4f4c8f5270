package dev.montazz.merge.render;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.montazz.contract.Topics;
import dev.montazz.contract.render.RenderProgress;
import dev.montazz.contract.render.RenderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Publishes how renders are getting on, so open pages can show a live progress bar and ETA. */
@Component
class RenderProgressEvents {

    private static final Logger log = LoggerFactory.getLogger(RenderProgressEvents.class);
    /** More often than this is noise to a person watching a bar, and load on the broker. */
    private static final Duration INTERVAL = Duration.ofMillis(400);

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final JsonMapper json;
    private final Clock clock;

    RenderProgressEvents(KafkaTemplate<String, byte[]> kafka, JsonMapper json, Clock clock) {
        this.kafka = kafka;
        this.topic = Topics.RENDER_PROGRESS;
        this.json = json;
        this.clock = clock;
    }

    /** Starts tracking a render whose work is measured in {@code totalWork} units (seconds of media, weighted). */
    Tracker start(String montageId, double totalWork) {
        Tracker tracker = new Tracker(montageId, Math.max(totalWork, 0.001), clock.instant());
        tracker.publish(new RenderProgress(montageId, RenderStatus.RENDERING, 0, null, "Starting", null, clock.instant()));
        return tracker;
    }

    /** One render's progress; not thread-safe, owned by the render job. */
    final class Tracker {

        private final String montageId;
        private final double totalWork;
        private final Instant started;
        private double done;
        private Instant lastSent = Instant.EPOCH;
        private int lastPercent = -1;
        private String stage = "Starting";

        private Tracker(String montageId, double totalWork, Instant started) {
            this.montageId = montageId;
            this.totalWork = totalWork;
            this.started = started;
        }

        /** Work done before the step now running; the step reports its own progress on top. */
        double done() {
            return done;
        }

        void stage(String stage, double doneBefore) {
            this.stage = stage;
            this.done = doneBefore;
            report(doneBefore, true);
        }

        void report(double doneSoFar) {
            report(doneSoFar, false);
        }

        private void report(double doneSoFar, boolean force) {
            done = Math.max(done, doneSoFar);
            // 100 % is only ever announced with the film in place.
            int percent = (int) Math.min(99, Math.floor(100 * done / totalWork));
            Instant now = clock.instant();
            if (!force && (percent == lastPercent || Duration.between(lastSent, now).compareTo(INTERVAL) < 0)) {
                return;
            }
            Integer eta = null;
            double fraction = done / totalWork;
            long elapsed = Duration.between(started, now).toMillis();
            if (fraction > 0.05 && elapsed > 500) {
                eta = (int) Math.ceil(elapsed * (1 - fraction) / fraction / 1000);
            }
            lastSent = now;
            lastPercent = percent;
            publish(new RenderProgress(montageId, RenderStatus.RENDERING, percent, eta, stage, null, now));
        }

        void ready() {
            publish(new RenderProgress(montageId, RenderStatus.READY, 100, null, "Ready", null, clock.instant()));
        }

        void failed(String reason) {
            publish(new RenderProgress(montageId, RenderStatus.FAILED, lastPercent < 0 ? 0 : lastPercent, null, "Failed",
                    reason, clock.instant()));
        }

        private void publish(RenderProgress progress) {
            // Not awaited: a slow broker must not slow the render down, and pages read the outcome from MongoDB.
            kafka.send(topic, montageId, json.writeValueAsBytes(progress)).whenComplete((result, e) -> {
                if (e != null) {
                    log.warn("Could not publish render progress of {}: {}", montageId, e.getMessage());
                }
            });
        }
    }
}
