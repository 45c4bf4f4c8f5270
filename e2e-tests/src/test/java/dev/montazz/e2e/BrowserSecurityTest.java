package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.montazz.auth.testing.Browser;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the services tell browsers, read off the real services: a Content-Security-Policy with no inline script,
 * no referrer to other sites, the camera only in the studio, SameSite session cookies, redirects that never follow a
 * forged Host header, and an HTML page (not JSON) for a studio someone may not enter.
 */
class BrowserSecurityTest {

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void everyServiceSendsItsPagesWithAStrictPolicy() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        HttpResponse<String> portal = ann.browser().follow(ann.browser().get(platform.url(Service.PORTAL) + "/"));
        HttpResponse<String> studio = ann.browser().follow(ann.browser().get(platform.url(Service.INGEST) + "/"));
        HttpResponse<String> signIn = new Browser(platform.url(Service.AUTH)).get(platform.url(Service.AUTH)
                + "/login");

        for (HttpResponse<String> page : List.of(portal, studio, signIn)) {
            assertThat(page.statusCode()).as(page.uri().toString()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(page.uri().toString())
                    .hasValueSatisfying(policy -> assertThat(policy).contains("script-src 'self'")
                            .contains("style-src 'self'").contains("frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
            assertThat(page.body()).as("no inline handlers or styles on " + page.uri())
                    .doesNotContainPattern("\\son[a-z]+=\"").doesNotContain(" style=\"");
        }
        assertThat(portal.headers().firstValue("Permissions-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("camera=()").contains("microphone=()"));
        assertThat(signIn.headers().firstValue("Permissions-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("camera=()"));
        assertThat(studio.headers().firstValue("Permissions-Policy")).as("only the studio records")
                .hasValueSatisfying(policy -> assertThat(policy).contains("camera=(self)")
                        .contains("microphone=(self)"));
    }

    @Test
    void sessionCookiesAreSameSiteLax() throws Exception {
        List<String> cookies = new ArrayList<>();
        for (Service service : List.of(Service.PORTAL, Service.INGEST)) {
            cookies.addAll(new Browser(platform.url(service)).get(platform.url(service) + "/").headers()
                    .allValues("Set-Cookie"));
        }
        cookies.addAll(new Browser(platform.url(Service.AUTH)).get(platform.url(Service.AUTH) + "/login").headers()
                .allValues("Set-Cookie"));
        assertThat(cookies).filteredOn(cookie -> cookie.startsWith("MONTAZZ_")).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(cookie -> assertThat(cookie).contains("SameSite=Lax").contains("HttpOnly"));
    }

    @Test
    void redirectsNeverFollowAForgedHostHeader() throws Exception {
        for (Service service : List.of(Service.PORTAL, Service.INGEST)) {
            String location = location(platform.url(service), "/");
            assertThat(location).as(service + " sends a signed-out visitor to sign in")
                    .doesNotContain("evil.example").contains("/oauth2/authorization/");
        }
        String authorize = "/oauth2/authorize?response_type=code&client_id=portal&scope=openid&redirect_uri="
                + platform.url(Service.PORTAL) + "/login/oauth2/code/montazz&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assertThat(location(platform.url(Service.AUTH), authorize)).doesNotContain("evil.example")
                .startsWith(platform.url(Service.AUTH) + "/login");
    }

    @Test
    void aStudioSomeoneMayNotEnterIsAnHtmlPageSayingWhatToDo() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        Person mallory = Person.signUp(platform, "Mallory");
        String montage = Api.createMontage(platform, ann, "Private " + UUID.randomUUID());

        HttpResponse<String> page = mallory.browser().follow(mallory.browser().get(platform.url(Service.INGEST)
                + "/montages/" + montage + "/studio"));

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("Not for you").contains("not a contributor")
                .contains("ask the montage's owner for an invitation link");
    }

    /** The Location a service answers to a browser-like GET whose Host header names another site. */
    private static String location(String base, String path) throws IOException {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: evil.example:" + uri.getPort()
                    + "\r\nAccept: text/html\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String status = in.readLine();
            assertThat(status).as(base + path).contains(" 302");
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase().startsWith("location:")) {
                    return line.substring("location:".length()).trim();
                }
            }
        }
        throw new AssertionError("No Location from " + base + path);
    }
}
