package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page a person meets passes axe-core's WCAG 2.1 A and AA checks in Chromium: signing in and up, the list empty
 * and full, the watch page waiting and with a film and its editor (a trim panel open), the join page, the studio with
 * the camera on, an error page and the account page.
 */
class AccessibilityTest {

    private static Platform platform;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void everyPagePassesWcag21AA() throws Exception {
        Map<String, List<String>> violations = new LinkedHashMap<>();
        String portal = platform.url(Service.PORTAL);
        Person ann = Person.signUp(platform, "Ann");
        String montage = Api.createMontage(platform, ann, "Picnic by the lake");
        try (Chromium chrome = Chromium.start(null, null)) {
            chrome.open(portal + "/");
            chrome.find("#username");
            violations.put("sign-in", chrome.accessibilityViolations());
            chrome.click("a[href$='/signup']");
            chrome.find("#displayName");
            violations.put("sign-up", chrome.accessibilityViolations());
            // Filled in as the browser's own checks allow, refused by the service: errors beside the fields.
            chrome.type("#username", ann.username());
            chrome.type("#displayName", "Ann");
            chrome.type("#email", "ann@example.org");
            chrome.type("#password", "short");
            chrome.click("button[type=submit]");
            chrome.find(".field-error, .notice.error");
            violations.put("sign-up with errors", chrome.accessibilityViolations());

            chrome.open(portal + "/");
            chrome.signIn(ann.username(), ann.password());
            chrome.find("#me");
            violations.put("montage list", chrome.accessibilityViolations());
            chrome.open(portal + "/?q=nothing-like-this");
            violations.put("montage list, nothing found", chrome.accessibilityViolations());

            chrome.open(portal + "/montages/" + montage);
            chrome.find("#waiting");
            violations.put("watch page waiting for a first shot", chrome.accessibilityViolations());
            String invitation = chrome.find("#invite-link").getAttribute("value");

            Api.recordTake(platform, ann, montage, TestMedia.webm(dir, "ann", "red", 320, 240, 2.0, 440));
            Api.awaitReady(platform, ann, montage, Duration.ofSeconds(90));
            chrome.open(portal + "/montages/" + montage);
            chrome.find("#editor");
            violations.put("watch page with a film and the editor", chrome.accessibilityViolations());
            chrome.click("#cut details.trim summary");
            chrome.find("#cut .trim-start");
            violations.put("watch page, trimming a shot", chrome.accessibilityViolations());
            chrome.click("#cut button[id^=retake-]");
            chrome.waitForText(".notice.ok", "Asked for a retake", Duration.ofSeconds(15));
            violations.put("watch page, a retake asked", chrome.accessibilityViolations());

            chrome.open(invitation);
            violations.put("join page", chrome.accessibilityViolations());
            chrome.open(portal + "/montages/no-such-montage");
            violations.put("error page", chrome.accessibilityViolations());

            chrome.open(platform.url(Service.INGEST) + "/montages/" + montage + "/studio");
            chrome.waitForText("#status", "Camera ready", Duration.ofSeconds(30));
            chrome.find("#retake-asked");
            violations.put("studio, told of a retake", chrome.accessibilityViolations());

            chrome.open(platform.url(Service.AUTH) + "/account/delete");
            violations.put("account", chrome.accessibilityViolations());
        }
        violations.values().removeIf(List::isEmpty);
        assertThat(violations).as("WCAG 2.1 AA violations, by page").isEmpty();
    }
}
