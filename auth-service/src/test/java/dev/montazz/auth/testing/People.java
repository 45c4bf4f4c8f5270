package dev.montazz.auth.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a person does with auth-service, through its real pages: sign up, sign in, and (like a script would) get an
 * access token with the command-line client's authorization-code-with-PKCE flow. Shared with e2e-tests.
 */
public final class People {

    private static final JsonMapper json = JsonMapper.builder().build();

    private People() {
    }

    public static HttpResponse<String> signUp(Browser browser, String auth, String username, String displayName,
            String password) throws Exception {
        return browser.submit(auth + "/signup", auth + "/signup", Map.of("username", username,
                "email", username + "@example.org", "displayName", displayName, "password", password));
    }

    public static HttpResponse<String> signIn(Browser browser, String auth, String username, String password)
            throws Exception {
        return browser.submit(auth + "/login", auth + "/login", Map.of("username", username, "password", password));
    }

    /** An access token for the signed-in person of this browser, as the montazz-cli client gets one. */
    public static String accessToken(Browser browser, String auth) throws Exception {
        return json.readTree(tokens(browser, auth, auth)).get("access_token").asString();
    }

    /**
     * The token endpoint's answer (JSON) for the signed-in person of this browser, the code asked for at
     * {@code authorizeAt} and redeemed at {@code tokenAt} (two instances of auth-service, say).
     */
    public static String tokens(Browser browser, String authorizeAt, String tokenAt) throws Exception {
        String auth = authorizeAt;
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://127.0.0.1:54321/callback";
        HttpResponse<String> authorize = browser.get(auth + "/oauth2/authorize?response_type=code"
                + "&client_id=montazz-cli&scope=openid%20profile&state=s1&code_challenge_method=S256&code_challenge="
                + challenge + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8));
        String location = authorize.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no redirect: " + authorize.statusCode() + " " + authorize.body()));
        assertThat(location).startsWith(redirect);
        String code = URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        HttpResponse<String> tokens = browser.post(tokenAt + "/oauth2/token", Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", redirect, "client_id", "montazz-cli",
                "code_verifier", verifier));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return tokens.body();
    }
}
