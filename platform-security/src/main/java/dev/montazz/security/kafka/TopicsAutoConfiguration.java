package dev.montazz.security.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/** The one way every service declares its topics ({@link TopicDeclarations}), set from {@code montazz.kafka.*}. */
@AutoConfiguration
@ConditionalOnClass(TopicBuilder.class)
@EnableConfigurationProperties(TopicSettings.class)
public class TopicsAutoConfiguration {

    @Bean
    TopicDeclarations topicDeclarations(TopicSettings settings) {
        return new TopicDeclarations(settings);
    }
}
