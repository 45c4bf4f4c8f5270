package dev.montazz.security.web;

import dev.montazz.security.MontazzSecurity;
import dev.montazz.security.MontazzSecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security of a service with both an API and pages (ingest, portal), for its {@code SecurityConfig} to extend.
 * Two chains because the API and the pages trust different things: bearer tokens versus a signed-in session.
 */
public abstract class ClientServiceSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return MontazzSecurity.api(http).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, ClientRegistrationRepository clients,
            MontazzSecurityProperties properties) throws Exception {
        return MontazzSecurity.pages(http, clients, properties).build();
    }
}
