package dev.montazz.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real headless Firefox (Debian's firefox-esr) with Firefox's fake camera and microphone, driven over WebDriver
 * BiDi, the W3C protocol Firefox speaks itself: geckodriver, which Selenium needs for Firefox, is neither in Debian nor
 * on Maven Central, and nothing may be downloaded from elsewhere. Pages are driven through their DOM, as a person's
 * clicks would (element.click() runs the same handlers).
 */
final class Firefox implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/firefox-esr");
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final Path profile;
    private final List<String> output = new ArrayList<>();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocket socket;
    private String context;

    private Firefox(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    static Firefox start() throws Exception {
        Path profile = Files.createTempDirectory("montazz-firefox-");
        // Firefox's own fake devices (a moving picture and a tone), granted without asking, as Chromium's flags do.
        Files.writeString(profile.resolve("user.js"), String.join("\n",
                "user_pref(\"media.navigator.streams.fake\", true);",
                "user_pref(\"media.navigator.permission.disabled\", true);",
                "user_pref(\"media.autoplay.default\", 0);",
                "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
                "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
                "user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);",
                "user_pref(\"network.captive-portal-service.enabled\", false);",
                "user_pref(\"network.connectivity-service.enabled\", false);", ""));
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-remote", "--profile",
                profile.toString(), "--remote-debugging-port", "0", "--width", "1280", "--height", "900")
                .redirectErrorStream(true).start();
        Firefox firefox = new Firefox(process, profile);
        try {
            firefox.connect(firefox.awaitListening());
            return firefox;
        } catch (Exception | Error e) {
            firefox.close();
            throw e;
        }
    }

    /** Firefox prints where its BiDi server listens once it is up; the rest of its output is kept for failures. */
    private String awaitListening() throws Exception {
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        address.complete(matcher.group(1));
                    }
                }
                address.completeExceptionally(new IllegalStateException("Firefox exited: " + output()));
            } catch (IOException e) {
                address.completeExceptionally(e);
            }
        }, "firefox-output");
        reader.setDaemon(true);
        reader.start();
        return address.get(60, TimeUnit.SECONDS);
    }

    private void connect(String address) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(address + "/session"), new Listener()).get(30, TimeUnit.SECONDS);
        command("session.new", Map.of("capabilities", Map.of()));
        context = command("browsingContext.getTree", Map.of()).at("/contexts/0/context").asString();
    }

    /** Sends one BiDi command and returns its result; a BiDi error fails the test with Firefox's message. */
    private JsonNode command(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                .get(10, TimeUnit.SECONDS);
        JsonNode message = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if ("error".equals(message.path("type").asString())) {
            throw new BiDiError(method + ": " + message.path("error").asString() + ": "
                    + message.path("message").asString());
        }
        return message.get("result");
    }

    void open(String url) throws Exception {
        command("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
    }

    /** The value of a JavaScript expression in the page (promises are awaited); a thrown error fails the test. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = command("script.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "target", Map.of("context", context)));
        if ("exception".equals(result.path("type").asString())) {
            throw new BiDiError("The page threw: " + result.at("/exceptionDetails/text").asString());
        }
        return result.get("result");
    }

    /** Waits until the expression is true, through page loads (where the page briefly has no script to run). */
    void waitUntil(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                if (evaluate("Boolean(" + expression + ")").path("value").asBoolean()) {
                    return;
                }
            } catch (BiDiError betweenPages) {
                last = betweenPages.getMessage();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Not true within " + timeout + ": " + expression + " " + last + "; page: "
                + evaluate("location.href + ' ' + document.body.innerText.slice(0, 500)").path("value").asString());
    }

    void waitForText(String css, String text, Duration timeout) throws Exception {
        waitUntil("document.querySelector(" + quote(css) + ")?.textContent.includes(" + quote(text) + ")", timeout);
    }

    String text(String css) throws Exception {
        waitUntil("document.querySelector(" + quote(css) + ")", Duration.ofSeconds(30));
        return evaluate("document.querySelector(" + quote(css) + ").textContent.trim()").path("value").asString();
    }

    void type(String css, String value) throws Exception {
        waitUntil("document.querySelector(" + quote(css) + ")", Duration.ofSeconds(30));
        evaluate("(() => { const field = document.querySelector(" + quote(css) + "); field.value = " + quote(value)
                + "; field.dispatchEvent(new Event('input', { bubbles: true })); })()");
    }

    /** Clicks once the element is shown and enabled, as a person could. */
    void click(String css) throws Exception {
        String element = "document.querySelector(" + quote(css) + ")";
        waitUntil(element + " && !" + element + ".disabled && " + element + ".offsetParent !== null",
                Duration.ofSeconds(30));
        evaluate(element + ".click()");
    }

    /** Signs in on auth-service's form (where any service sends a signed-out person). */
    void signIn(String username, String password) throws Exception {
        type("#username", username);
        type("#password", password);
        click("button[type=submit]");
    }

    /** Kept as a test artefact under target/screenshots. */
    Path screenshot(String name) throws Exception {
        Files.createDirectories(Chromium.SCREENSHOTS);
        Path file = Chromium.SCREENSHOTS.resolve(name + ".png");
        String png = command("browsingContext.captureScreenshot", Map.of("context", context)).get("data").asString();
        Files.write(file, Base64.getDecoder().decode(png));
        return file;
    }

    private String output() {
        synchronized (output) {
            return String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()));
        }
    }

    private static String quote(String text) {
        return JSON.writeValueAsString(text);
    }

    @Override
    public void close() throws Exception {
        if (socket != null) {
            socket.abort();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** A BiDi command Firefox refused, or a page script that threw. */
    static final class BiDiError extends Exception {
        BiDiError(String message) {
            super(message);
        }
    }

    /** Collects each message's frames and hands command replies to their waiting caller; events are not used. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder frames = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frames.append(data);
            if (last) {
                JsonNode message = JSON.readTree(frames.toString());
                frames.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                    if (reply != null) {
                        reply.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(reply -> reply.completeExceptionally(error));
        }
    }
}
