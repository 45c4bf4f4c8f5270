package dev.montazz.auth.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client that fills in forms the way a browser does, CSRF token included. */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final String[] alwaysSent;

    public Browser(String base) {
        this.base = base;
        this.alwaysSent = new String[0];
    }

    /**
     * A browser at another client address, as a proxy in front of the services would tell them: every page request
     * carries {@code X-Forwarded-For: address} (the proxy adds its own after it).
     */
    public static Browser at(String base, String address) {
        return new Browser(base, "X-Forwarded-For", address);
    }

    private Browser(String base, String... alwaysSent) {
        this.base = base;
        this.alwaysSent = alwaysSent;
    }

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return client.send(page(resolve(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request for a page, as browsers ask for one (servers choose between a login redirect and a 401 by this). */
    private HttpRequest.Builder page(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        return alwaysSent.length == 0 ? request : request.headers(alwaysSent);
    }

    /** This browser's cookies for {@code url}, as a {@code Cookie} header's value (for another client, as curl). */
    public String cookieHeader(String url) {
        return cookies.getCookieStore().get(resolve(url)).stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /** GET with this browser's cookies, the body as bytes (films), with extra headers as name, value pairs. */
    public HttpResponse<byte[]> getBytes(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET with this browser's cookies, the body as a stream to read and close: for very large films. */
    public HttpResponse<java.io.InputStream> stream(String url, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Follows redirects within any host, returning the last response (whose URI says where it ended). */
    public HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
        while (response.statusCode() / 100 == 3) {
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            response = client.send(page(next).build(), HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    /** Loads the form page, then posts the fields with the page's CSRF token. */
    public HttpResponse<String> submit(String formPage, String action, Map<String, String> fields)
            throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(fields);
        Matcher csrf = CSRF.matcher(get(formPage).body());
        if (csrf.find()) {
            all.put("_csrf", csrf.group(1));
        }
        return post(action, all);
    }

    public HttpResponse<String> post(String url, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return client.send(page(resolve(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI resolve(String url) {
        return URI.create(url.startsWith("http") ? url : base + url);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
