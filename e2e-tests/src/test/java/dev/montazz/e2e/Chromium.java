package dev.montazz.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's, driven by Debian's chromedriver) with a fake camera and microphone, optionally
 * fed from a y4m/wav file so each person's picture is recognisable in the montage.
 */
public final class Chromium implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    public static Chromium start(Path camera, Path microphone) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required",
                "--user-data-dir=" + Files.createTempDirectory("montazz-chromium-")));
        if (camera != null) {
            arguments.add("--use-file-for-fake-video-capture=" + camera.toAbsolutePath());
        }
        if (microphone != null) {
            arguments.add("--use-file-for-fake-audio-capture=" + microphone.toAbsolutePath());
        }
        ChromeOptions options = new ChromeOptions().setBinary(niceChromium().toString()).addArguments(arguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        return new Chromium(new ChromeDriver(service, options));
    }

    /**
     * Chromium at a lower CPU priority than the platform. In use, people's browsers run on their own machines; here
     * three or four of them share two cores with every service, and at equal priority their video encoding and
     * decoding made each chunk's round trip ten times longer (25 ms idle, 300-1000 ms beside three browsers).
     */
    private static synchronized Path niceChromium() throws IOException {
        Path wrapper = Path.of("target", "nice-chromium").toAbsolutePath();
        if (!Files.exists(wrapper)) {
            Files.createDirectories(wrapper.getParent());
            Files.writeString(wrapper, "#!/bin/sh\nexec nice -n 10 /usr/bin/chromium \"$@\"\n");
            wrapper.toFile().setExecutable(true);
        }
        return wrapper;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks once it can; again if the page drew the element anew in between (live updates redraw parts of it). */
    public void click(String css) {
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css))
                    .apply(driver);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    public void waitForText(String css, String text, Duration timeout) {
        new WebDriverWait(driver, timeout).pollingEvery(Duration.ofMillis(100)).until(
                ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(css), text));
    }

    public String text(String css) {
        return find(css).getText();
    }

    /** Signs in on auth-service's form (where any service sends a signed-out person). */
    public void signIn(String username, String password) {
        type("#username", username);
        type("#password", password);
        click("button[type=submit]");
    }

    /** Opens a montage's studio, signs in on the way and waits for the camera. */
    public void enterStudio(String studioUrl, String username, String password) {
        open(studioUrl);
        signIn(username, password);
        waitForText("#status", "Camera ready", Duration.ofSeconds(30));
    }

    /**
     * A camera of one colour that writes the time of each frame into the frame (test resource live/clock-camera.js),
     * for {@link #onEveryPage}; {@code colour} is a CSS colour.
     */
    public static String clockCamera(String colour) throws IOException {
        return resource("live/clock-camera.js").replace("__COLOUR__", colour);
    }

    /** Reads, from every frame the page's live player shows, the time a clock camera wrote into it. */
    public static String frameClock() throws IOException {
        return resource("live/frame-clock.js");
    }

    private static String resource(String name) throws IOException {
        try (java.io.InputStream in = Chromium.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Creates an account on auth-service's pages (from its sign-in page), then signs in with it. */
    public void signUp(String username, String displayName, String password) {
        click("a[href$='/signup']");
        type("#username", username);
        type("#displayName", displayName);
        type("#email", username + "@example.org");
        type("#password", password);
        click("button[type=submit]");
        find("#password");
        signIn(username, password);
    }

    /**
     * What axe-core (from npm, see package.json) finds against WCAG 2.1 A and AA in the page as it is now, a line per
     * rule broken: its id, impact, what it says and the first elements breaking it. Empty when the page passes.
     */
    public List<String> accessibilityViolations() throws IOException {
        Path axe = Path.of("node_modules", "axe-core", "axe.min.js");
        if (!Files.exists(axe)) {
            throw new IllegalStateException("axe-core is missing: run 'npm ci' in e2e-tests (Maven does it before tests)");
        }
        driver.executeScript(Files.readString(axe));
        Object found = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(function (r) { done(r.violations.map(function (v) { return v.id + ' (' + v.impact + '): '"
                + " + v.help + ' at ' + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' ') + ' '"
                + " + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 160); }).join(' | '); })); })"
                + ".catch(function (e) { done(['axe failed: ' + e]); });");
        List<String> violations = new java.util.ArrayList<>();
        ((List<?>) found).forEach(violation -> violations.add(String.valueOf(violation)));
        return violations;
    }

    public Object script(String javascript, Object... arguments) {
        return driver.executeScript(javascript, arguments);
    }

    /** Runs asynchronous JavaScript whose last argument is the callback that delivers its result. */
    public Object asyncScript(String javascript, Object... arguments) {
        return driver.executeAsyncScript(javascript, arguments);
    }

    /**
     * Lets the site show notifications, as a person who answered the browser's question with "Allow". The grant
     * replaces the origin's others, so the camera and microphone are granted again with it (else their tracks end).
     */
    public void allowNotifications(String origin) {
        driver.executeCdpCommand("Browser.grantPermissions", java.util.Map.of("origin", origin,
                "permissions", List.of("notifications", "videoCapture", "audioCapture")));
    }

    /**
     * Makes every request to a URL matching one of these patterns ({@code *} for anything) fail as a dropped
     * connection would, from now on; none to let all through again.
     */
    public void blockRequests(String... patterns) {
        driver.executeCdpCommand("Network.enable", java.util.Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", List.of(patterns)));
    }

    /** Runs this script in every page from now on, before the page's own scripts. */
    public void onEveryPage(String javascript) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", javascript));
    }

    /** Kept as a test artefact under target/screenshots. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
