package dev.montazz.live;

import dev.montazz.security.MontazzSecurityAutoConfiguration;
import dev.montazz.security.streams.EventStreams;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The live feed in every service that has this module: each instance reads the chunk stream once. */
@AutoConfiguration(after = MontazzSecurityAutoConfiguration.class)
public class LiveAutoConfiguration {

    @Bean
    LiveFeed liveFeed() {
        return new LiveFeed();
    }

    @Bean
    LiveStreams liveStreams(LiveFeed feed, EventStreams streams) {
        return new LiveStreams(feed, streams);
    }
}
