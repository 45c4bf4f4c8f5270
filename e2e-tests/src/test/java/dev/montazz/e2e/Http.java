package dev.montazz.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests, speaking JSON where the services do. */
final class Http {

    static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> postJson(String url, String bearer, Object body)
            throws IOException, InterruptedException {
        return client.send(authorised(url, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> patchJson(String url, String bearer, Object body)
            throws IOException, InterruptedException {
        return client.send(authorised(url, bearer).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> put(String url, String bearer, byte[] body) throws IOException, InterruptedException {
        return client.send(authorised(url, bearer).header("Content-Type", "video/webm")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
        return client.send(authorised(url, bearer).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET, the body as bytes (an archive, a film); fails on anything but 200. */
    static byte[] getBytes(String url, String bearer) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(authorised(url, bearer).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    static HttpResponse<String> delete(String url, String bearer) throws IOException, InterruptedException {
        return client.send(authorised(url, bearer).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder authorised(String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        return bearer == null ? request : request.header("Authorization", bearer);
    }

    static JsonNode tree(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
