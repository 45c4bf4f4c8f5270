package dev.montazz.security;

import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The signed-in person, the same whether they came with a browser session (OpenID Connect) or a bearer token.
 *
 * @param username the stable account name ({@code sub}); what ownership and membership are recorded with
 * @param displayName how other people see them
 */
public record CurrentUser(String username, String displayName, List<String> roles) {

    public boolean isAdmin() {
        return roles.contains("ADMIN");
    }

    public static Optional<CurrentUser> of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof OidcUser oidc) {
            return Optional.of(new CurrentUser(oidc.getSubject(), name(oidc.getFullName(), oidc.getSubject()),
                    roles(oidc.getClaimAsStringList("roles"))));
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            return Optional.of(new CurrentUser(jwt.getSubject(), name(jwt.getClaimAsString("name"), jwt.getSubject()),
                    roles(jwt.getClaimAsStringList("roles"))));
        }
        return Optional.empty();
    }

    private static String name(String name, String fallback) {
        return name == null || name.isBlank() ? fallback : name;
    }

    private static List<String> roles(List<String> roles) {
        return roles == null ? List.of() : List.copyOf(roles);
    }
}
