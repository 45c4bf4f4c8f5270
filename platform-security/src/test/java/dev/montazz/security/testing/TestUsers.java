package dev.montazz.security.testing;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

import java.util.List;
import java.util.Locale;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * People as MockMvc tests of every service present them: over the API with a bearer token as auth-service issues it
 * (subject, display name, the platform's audience, roles), or on pages with a signed-in session.
 */
public final class TestUsers {

    /** The audience auth-service puts in every access token for the platform's APIs. */
    public static final String AUDIENCE = "montazz-api";

    private TestUsers() {
    }

    /** A person calling an API; their display name is their user name, capitalised. */
    public static RequestPostProcessor api(String username) {
        return api(username, displayName(username));
    }

    public static RequestPostProcessor api(String username, String name) {
        return jwt().jwt(token -> token.subject(username).claim("name", name).claim("roles", List.of("USER"))
                .audience(List.of(AUDIENCE)));
    }

    /** An administrator calling an API. */
    public static RequestPostProcessor admin(String username) {
        return jwt().jwt(token -> token.subject(username).claim("name", displayName(username))
                .claim("roles", List.of("ADMIN", "USER")).audience(List.of(AUDIENCE)));
    }

    /** A person signed in on a service's pages. */
    public static RequestPostProcessor page(String username) {
        return page(username, displayName(username));
    }

    public static RequestPostProcessor page(String username, String name) {
        return oidcLogin().idToken(token -> token.subject(username).claim("name", name));
    }

    private static String displayName(String username) {
        return username.substring(0, 1).toUpperCase(Locale.ROOT) + username.substring(1);
    }
}
