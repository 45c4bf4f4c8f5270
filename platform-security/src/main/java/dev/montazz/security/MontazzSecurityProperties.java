package dev.montazz.security;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a service trusts auth-service.
 *
 * @param issuer auth-service's address as browsers see it and as tokens name it ({@code iss})
 * @param authUrl where this service reaches auth-service for tokens and keys; differs from the issuer in compose
 *        (services talk to {@code http://auth:9000}, browsers to {@code http://localhost:9000})
 * @param clientId this service's OAuth client for signing people in; empty for services with no pages
 * @param clientSecret that client's secret
 * @param postLogoutUrl where auth-service sends people after signing out (registered with the client)
 * @param audience the audience every API token must carry
 * @param publicUrl where browsers reach this service: sign-in and sign-out redirects are built from it, never from a
 *        request's Host header (which a client chooses)
 * @param mediaCapture whether this service's pages may use the camera and microphone (the studio)
 */
@Validated
@ConfigurationProperties("montazz.security")
public record MontazzSecurityProperties(@NotNull URI issuer, URI authUrl, String clientId, String clientSecret,
        String postLogoutUrl, @NotBlank String audience, URI publicUrl, boolean mediaCapture) {

    public URI internalUrl() {
        return authUrl == null ? issuer : authUrl;
    }

    /**
     * The public URL without a trailing slash, for links and redirects to be built on ({@code home() + "/join/…"});
     * empty when none is set (then links stay relative).
     */
    public String home() {
        return publicUrl == null ? "" : publicUrl.toString().replaceAll("/$", "");
    }
}
