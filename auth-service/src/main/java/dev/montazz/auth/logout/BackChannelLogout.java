package dev.montazz.auth.logout;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.montazz.auth.AuthProperties;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * OpenID Connect Back-Channel Logout, the provider's side (Spring Security 7.1's authorization server does not send
 * it): when someone signs out, here or through a service, every client that signs people in is sent a signed logout
 * token for them, so the portal's and the studio's sessions end too, not only the one signing out.
 * <p>
 * Sent from a thread of its own, a few times with growing waits if a service does not answer: signing out never
 * waits for the services, and a service that is down has no session to end when it comes back (sessions live in
 * memory).
 */
@Component
public class BackChannelLogout implements LogoutHandler {

    private static final Logger log = LoggerFactory.getLogger(BackChannelLogout.class);
    private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final int ATTEMPTS = 4;

    private final JwtEncoder tokens;
    private final String issuer;
    private final Map<String, URI> clients;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "back-channel-logout");
        thread.setDaemon(true);
        return thread;
    });

    BackChannelLogout(JWKSource<SecurityContext> keys, OAuth2AuthorizationServerProperties server,
            AuthProperties properties) {
        this.tokens = new NimbusJwtEncoder(keys);
        this.issuer = server.getIssuer();
        this.clients = properties.backChannelLogout();
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication != null && authentication.getName() != null) {
            signedOut(authentication.getName());
        }
    }

    /** Tells every client that this person signed out. */
    public void signedOut(String username) {
        clients.forEach((client, uri) -> send(client, uri, username, 1));
    }

    private void send(String client, URI uri, String username, int attempt) {
        sender.schedule(() -> {
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(
                                token(client, username), StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() / 100 != 2) {
                    throw new IllegalStateException("answered " + answer.statusCode());
                }
                log.debug("{} signed out of {}", username, client);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (attempt < ATTEMPTS) {
                    send(client, uri, username, attempt + 1);
                } else {
                    log.warn("Could not sign {} out of {} at {}: {}", username, client, uri, e.getMessage());
                }
            }
        }, attempt == 1 ? 0 : 1L << attempt, TimeUnit.SECONDS);
    }

    /** A logout token (OpenID Connect Back-Channel Logout 1.0): for this client, about this person, short-lived. */
    private String token(String client, String username) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).audience(List.of(client)).subject(username)
                .issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(2))).id(UUID.randomUUID().toString())
                .claim("events", Map.of(EVENT, Map.of())).build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("logout+jwt").build();
        return tokens.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }
}
