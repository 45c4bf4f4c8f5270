package dev.montazz.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.montazz.contract.Topics;
import dev.montazz.security.accounts.DeletedAccounts;
import dev.montazz.security.input.JsonBodyLimit;
import dev.montazz.security.streams.EventStreams;
import dev.montazz.security.streams.StreamSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.security.oauth2.client.oidc.session.InMemoryOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Built from {@code montazz.security.*} rather than discovered from the issuer: discovery would need auth-service up
 * at start-up and cannot express compose's split addresses (issuer on localhost for browsers, auth:9000 for services).
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties({MontazzSecurityProperties.class, StreamSettings.class})
public class MontazzSecurityAutoConfiguration {

    public static final String REGISTRATION_ID = "montazz";

    /** Signature by auth-service's keys, not expired, issued by our issuer, and meant for the platform's APIs. */
    @Bean
    JwtDecoder jwtDecoder(MontazzSecurityProperties properties, DeletedAccounts deleted) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.internalUrl() + "/oauth2/jwks").build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validator(properties), jwt ->
                deleted.contains(jwt.getSubject())
                        ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                                "The account of this token was deleted", null))
                        : OAuth2TokenValidatorResult.success()));
        return decoder;
    }

    @Bean
    DeletedAccounts deletedAccounts() {
        return new DeletedAccounts();
    }

    /** Every instance hears every account deletion, from the start of the (day-long) topic. */
    @Bean
    @ConditionalOnBean(ConsumerFactory.class)
    ConcurrentMessageListenerContainer<String, byte[]> deletedAccountsListener(ConsumerFactory<String, byte[]> consumers,
            DeletedAccounts deleted, Environment environment) {
        ContainerProperties container = new ContainerProperties(Topics.ACCOUNT_DELETIONS);
        container.setGroupId(environment.getProperty("spring.application.name", "montazz") + "-deleted-accounts-"
                + UUID.randomUUID());
        container.setMessageListener(deleted);
        container.getKafkaConsumerProperties().put("auto.offset.reset", "earliest");
        return new ConcurrentMessageListenerContainer<>(consumers, container);
    }

    static OAuth2TokenValidator<Jwt> validator(MontazzSecurityProperties properties) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer().toString()),
                jwt -> jwt.getAudience() != null && jwt.getAudience().contains(properties.audience())
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                                "The token is not meant for " + properties.audience(), null)));
    }

    @Bean
    @ConditionalOnProperty("montazz.security.client-id")
    ClientRegistrationRepository clientRegistrations(MontazzSecurityProperties properties) {
        String issuer = properties.issuer().toString();
        String internal = properties.internalUrl().toString();
        return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientName("Montazz").clientId(properties.clientId()).clientSecret(properties.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri((properties.publicUrl() == null ? "{baseUrl}"
                        : properties.home()) + "/login/oauth2/code/{registrationId}")
                .scope(List.of("openid", "profile"))
                .authorizationUri(issuer + "/oauth2/authorize").tokenUri(internal + "/oauth2/token")
                .jwkSetUri(internal + "/oauth2/jwks").userInfoUri(internal + "/userinfo").userNameAttributeName("sub")
                .issuerUri(issuer).providerConfigurationMetadata(Map.of("end_session_endpoint",
                        issuer + "/connect/logout"))
                .build());
    }

    /**
     * Which sessions belong to whom, so a back-channel logout from auth-service can end them: in memory unless the
     * service keeps its sessions in MongoDB ({@code sessions.SessionsAutoConfiguration}).
     */
    @Bean
    @ConditionalOnProperty("montazz.security.client-id")
    @ConditionalOnMissingBean(OidcSessionRegistry.class)
    OidcSessionRegistry oidcSessionRegistry() {
        return new InMemoryOidcSessionRegistry();
    }

    /** Before security, so an oversized JSON body is refused before anything reads it. */
    @Bean
    FilterRegistrationBean<JsonBodyLimit> jsonBodyLimit() {
        FilterRegistrationBean<JsonBodyLimit> registration = new FilterRegistrationBean<>(new JsonBodyLimit(64 * 1024));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean(destroyMethod = "close")
    EventStreams eventStreams(StreamSettings settings) {
        return new EventStreams(settings);
    }

    @Bean
    WebMvcConfigurer currentUserArguments() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver());
            }
        };
    }
}
