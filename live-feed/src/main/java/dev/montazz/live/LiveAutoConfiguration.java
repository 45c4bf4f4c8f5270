package dev.montazz.live;

import java.time.Clock;

import dev.montazz.contract.Topics;
import dev.montazz.security.MontazzSecurityAutoConfiguration;
import dev.montazz.security.kafka.TopicDeclarations;
import dev.montazz.security.streams.EventStreams;
import dev.montazz.security.web.PlatformWebAutoConfiguration;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live feed in every service that has this module: each instance reads the chunk stream once, and tells the
 * others how many watch each montage on it.
 */
@AutoConfiguration(after = {MontazzSecurityAutoConfiguration.class, PlatformWebAutoConfiguration.class},
        afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
                "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
public class LiveAutoConfiguration {

    @Bean
    LiveFeed liveFeed(KafkaTemplate<String, byte[]> kafka, JsonMapper json, Clock clock) {
        return new LiveFeed(figure -> kafka.send(Topics.LIVE_AUDIENCE, figure.montageId(),
                json.writeValueAsBytes(figure)), json, clock);
    }

    @Bean
    LiveStreams liveStreams(LiveFeed feed, EventStreams streams) {
        return new LiveStreams(feed, streams);
    }

    /** Declared by every service that serves live, with the same settings, so none has to start first. */
    @Bean
    NewTopic liveAudienceTopic(TopicDeclarations topics) {
        return topics.topic(Topics.LIVE_AUDIENCE_TOPIC).build();
    }
}
