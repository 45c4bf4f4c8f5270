package dev.montazz.security.web;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * What every Montazz service shares beyond trust: the one error shape of its API, and the one clock its code reads
 * time from (tests replace it with one they move). Before Boot's MVC configuration, whose generic problem handler
 * steps back when this one is there.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
public class PlatformWebAutoConfiguration {

    @Bean
    @ConditionalOnWebApplication
    ApiProblems apiProblems() {
        return new ApiProblems();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
