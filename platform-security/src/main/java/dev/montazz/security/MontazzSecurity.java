package dev.montazz.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OidcBackChannelLogoutHandler;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The two ways into a Montazz service, for each service's own {@code SecurityFilterChain}s: APIs take bearer tokens
 * only (stateless, no session, no CSRF since no cookie is trusted), pages sign people in through auth-service.
 */
public final class MontazzSecurity {

    /** Always open: orchestrators probe these. */
    public static final String[] PUBLIC_PATHS = {"/actuator/health/**", "/actuator/info", "/css/**", "/js/**",
            "/favicon.ico", "/error"};

    private MontazzSecurity() {
    }

    /** {@code /api/**}: a valid token from auth-service for the platform's audience, or 401. */
    public static HttpSecurity api(HttpSecurity http) throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'none'; frame-ancestors 'none'")))
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.jwtAuthenticationConverter(converter)));
    }

    /** Everything else: signed in through auth-service (SSO), CSRF-protected forms, sign-out everywhere it can. */
    public static HttpSecurity pages(HttpSecurity http, ClientRegistrationRepository clients,
            MontazzSecurityProperties properties) throws Exception {
        String home = properties.home();
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(clients);
        logout.setPostLogoutRedirectUri(properties.postLogoutUrl() != null ? properties.postLogoutUrl()
                : home.isEmpty() ? "{baseUrl}/" : home + "/");
        // Unauthenticated visitors go to sign in at this service's configured address, not one built from Host.
        LoginUrlAuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint(
                home + "/oauth2/authorization/" + MontazzSecurityAutoConfiguration.REGISTRATION_ID);
        signIn.setFavorRelativeUris(true);
        BrowserHeaders.apply(http, properties.issuer().toString(), properties.mediaCapture());
        // Signing out anywhere ends this service's sessions too: auth-service sends a logout token here.
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        OidcBackChannelLogoutHandler endSessions = new OidcBackChannelLogoutHandler(
                context.getBean(OidcSessionRegistry.class));
        endSessions.setSessionCookieName(context.getEnvironment().getProperty("server.servlet.session.cookie.name",
                "JSESSIONID"));
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_PATHS).permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(withDefaults())
                .oidcLogout(oidc -> oidc.backChannel(back -> back.logoutHandler(endSessions)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(signIn))
                .logout(out -> out.logoutSuccessHandler(logout));
    }
}
