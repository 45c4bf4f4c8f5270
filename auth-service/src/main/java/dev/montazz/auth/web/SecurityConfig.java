package dev.montazz.auth.web;

import static org.springframework.security.config.Customizer.withDefaults;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.montazz.auth.account.Account;
import dev.montazz.auth.account.Accounts;
import dev.montazz.auth.logout.BackChannelLogout;
import dev.montazz.security.BrowserHeaders;
import dev.montazz.security.sessions.MongoSessionRepository;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.CompositeLogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/**
 * One filter chain: the OAuth 2.1 / OpenID Connect endpoints (authorize, token, JWKS, discovery, userinfo, logout) and
 * the account pages, with form login for people and bearer tokens for the userinfo endpoint.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** Every access token is also for the platform's APIs, which check this audience. */
    static final String API_AUDIENCE = "montazz-api";

    @Bean
    SecurityFilterChain security(HttpSecurity http, OAuth2AuthorizationServerProperties server,
            BackChannelLogout backChannel, SessionRegistry sessions) throws Exception {
        // Browsers are sent to sign in at the issuer's address, never at one built from the Host header.
        LoginUrlAuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint(server.getIssuer() + "/login");
        BrowserHeaders.apply(http, null, false);
        MediaTypeRequestMatcher pages = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        pages.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        http.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(signIn, pages))
                .oauth2AuthorizationServer(authorization -> authorization.oidc(oidc -> oidc.logoutEndpoint(
                        logout -> logout.logoutResponseHandler(signedOutEverywhere(backChannel)))))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/signup", "/login", "/css/**", "/error", "/favicon.ico").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(login -> login.loginPage("/login").permitAll())
                // Sessions are registered by person, so deleting an account ends that person's sessions here too.
                .sessionManagement(session -> session.maximumSessions(-1).sessionRegistry(sessions)
                        .expiredUrl("/login?deleted"))
                .logout(logout -> logout.addLogoutHandler(backChannel))
                .oauth2ResourceServer(resource -> resource.jwt(withDefaults()));
        return http.build();
    }

    /** Signing out through a service (RP-initiated logout) ends the person's sessions in every service. */
    private static OidcLogoutAuthenticationSuccessHandler signedOutEverywhere(BackChannelLogout backChannel) {
        OidcLogoutAuthenticationSuccessHandler handler = new OidcLogoutAuthenticationSuccessHandler();
        handler.setLogoutHandler(new CompositeLogoutHandler(new SecurityContextLogoutHandler(), backChannel));
        return handler;
    }

    /** The shared session store is the registry: every instance finds and ends any of a person's sessions. */
    @Bean
    SessionRegistry sessionRegistry(MongoSessionRepository sessions) {
        return new SpringSessionBackedSessionRegistry<>(sessions);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Names and roles in the tokens, so every service can greet people and check roles without asking back. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims(Accounts accounts) {
        return context -> {
            String username = context.getPrincipal().getName();
            accounts.find(username).ifPresent(account -> {
                context.getClaims().claim("preferred_username", account.username())
                        .claim("name", account.displayName());
                Set<String> roles = account.roles().stream().map(Account.Role::name).collect(Collectors.toSet());
                context.getClaims().claim("roles", List.copyOf(roles));
            });
            if ("access_token".equals(context.getTokenType().getValue())) {
                context.getClaims().audience(List.of(context.getRegisteredClient().getClientId(), API_AUDIENCE));
            }
        };
    }

}
