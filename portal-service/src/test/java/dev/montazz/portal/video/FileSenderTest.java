package dev.montazz.portal.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A file sent by Tomcat itself ({@code sendfile}), on a real Tomcat over real HTTP: the bytes arrive only if Tomcat
 * sent them, since nothing is written by the servlet. Whatever is not a plain case is left to the caller (here
 * answered with 299, so the test sees it was left).
 */
class FileSenderTest {

    private static final int LENGTH = 300_000;
    private static final String ETAG = "\"6b15b39e0510b9e03ecf4571\"";
    private static final int LEFT_TO_CALLER = 299;

    @TempDir
    Path dir;

    private final byte[] bytes = new byte[LENGTH];
    private final HttpClient client = HttpClient.newHttpClient();
    private Tomcat tomcat;
    private String url;

    @BeforeEach
    void tomcat() throws Exception {
        new Random(3).nextBytes(bytes);
        Path film = Files.write(dir.resolve("film.mp4"), bytes);
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", dir.toString());
        Tomcat.addServlet(context, "film", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.parseMediaType("video/mp4"));
                headers.setETag(ETAG);
                headers.setLastModified(Instant.parse("2026-12-01T10:00:00Z"));
                headers.setCacheControl(CacheControl.noCache().cachePrivate());
                if (!FileSender.send(request, response, film, LENGTH, headers)) {
                    response.setStatus(LEFT_TO_CALLER);
                }
            }
        });
        context.addServletMappingDecoded("/film.mp4", "film");
        tomcat.start();
        url = "http://127.0.0.1:" + connector.getLocalPort() + "/film.mp4";
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void theWholeFileWithItsHeaders() throws Exception {
        HttpResponse<byte[]> response = get();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(LENGTH);
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("ETag")).hasValue(ETAG);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache, private");
        assertThat(response.headers().firstValue("Last-Modified")).hasValue("Tue, 01 Dec 2026 10:00:00 GMT");
    }

    @Test
    void oneRangeIsPartialContent() throws Exception {
        expectRange("bytes=0-99", 0, 99);
        expectRange("bytes=1000-250999", 1000, 250_999);
        expectRange("bytes=-100", LENGTH - 100, LENGTH - 1);
        expectRange("bytes=299000-", 299_000, LENGTH - 1);
        expectRange("bytes=299000-999999", 299_000, LENGTH - 1);
    }

    @Test
    void aCurrentCopyIs304AndHeadHasNoBody() throws Exception {
        HttpResponse<byte[]> current = get("If-None-Match", ETAG);
        assertThat(current.statusCode()).isEqualTo(304);
        assertThat(current.body()).isEmpty();
        assertThat(get("If-None-Match", "\"another\"").statusCode()).isEqualTo(200);
        assertThat(get("If-Modified-Since", "Wed, 02 Dec 2026 10:00:00 GMT").statusCode()).isEqualTo(304);

        HttpResponse<byte[]> head = client.send(HttpRequest.newBuilder(URI.create(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(LENGTH);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void whatIsNotAPlainCaseIsLeftToTheCaller() throws Exception {
        assertThat(get("Range", "bytes=0-9,20-29").statusCode()).as("several ranges").isEqualTo(LEFT_TO_CALLER);
        assertThat(get("Range", "bytes=300000-").statusCode()).as("past the end").isEqualTo(LEFT_TO_CALLER);
        assertThat(get("Range", "pages=1-2").statusCode()).as("not bytes").isEqualTo(LEFT_TO_CALLER);
        assertThat(get("Range", "bytes=0-9", "If-Range", ETAG).statusCode()).isEqualTo(LEFT_TO_CALLER);
        HttpResponse<byte[]> post = client.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(LEFT_TO_CALLER);
    }

    private void expectRange(String range, int from, int to) throws Exception {
        HttpResponse<byte[]> response = get("Range", range);
        assertThat(response.statusCode()).as(range).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).as(range)
                .hasValue("bytes " + from + "-" + to + "/" + LENGTH);
        assertThat(response.body()).as(range).isEqualTo(Arrays.copyOfRange(bytes, from, to + 1));
    }

    private HttpResponse<byte[]> get(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
