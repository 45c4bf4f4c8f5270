package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.montazz.stack.Platform.Service;
import dev.montazz.stack.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A person waiting for their turn is told when it comes, even with the studio in a background tab: the page title
 * says where they are in line and then that it is their turn, a chime plays, and (when they allowed it) a
 * notification appears, through the browser's real Notification API.
 */
class TurnNoticeTest {

    /**
     * Records what the page asks of the browser while passing it on: notifications shown and tones played. The tab
     * is made to report itself hidden, as a background tab does (headless Chromium keeps every tab visible).
     */
    private static final String WATCH_NOTICES = """
            window.notices = [];
            const Real = window.Notification;
            function Watched(title, options) {
              window.notices.push({ title: title, body: (options || {}).body });
              return new Real(title, options);
            }
            Object.defineProperty(Watched, 'permission', { get: () => Real.permission });
            Watched.requestPermission = (callback) => Real.requestPermission(callback);
            window.Notification = Watched;
            const tone = AudioContext.prototype.createOscillator;
            AudioContext.prototype.createOscillator = function () {
              window.notices.push({ tone: true });
              return tone.call(this);
            };
            Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
            """;

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void theNextInLineIsToldByTitleChimeAndNotificationWhenTheirTurnComes() throws Exception {
        String title = "Notices " + UUID.randomUUID().toString().substring(0, 6);
        Person ann = Person.signUp(platform, "Ann");
        Person bob = Person.signUp(platform, "Bob");
        String montage = Api.createMontage(platform, ann, title);
        Api.invite(platform, ann, bob, montage);
        String studio = platform.url(Service.INGEST) + "/montages/" + montage + "/studio";
        try (Chromium annBrowser = Chromium.start(null, null); Chromium bobBrowser = Chromium.start(null, null)) {
            annBrowser.enterStudio(studio, ann.username(), ann.password());
            annBrowser.click("#join");
            annBrowser.waitForText("#status", "You are on air", Duration.ofSeconds(15));

            bobBrowser.enterStudio(studio, bob.username(), bob.password());
            bobBrowser.allowNotifications(platform.url(Service.INGEST));
            bobBrowser.script(WATCH_NOTICES);
            bobBrowser.click("#join");
            bobBrowser.waitForText("#your-place", "You are number 1", Duration.ofSeconds(10));
            assertThat(bobBrowser.driver().getTitle()).startsWith("(You are next) Studio · " + title);
            assertThat(bobBrowser.text("#notice-hint")).contains("notify you");
            bobBrowser.screenshot("studio-waiting-with-notices");

            annBrowser.click("#finish");

            await().atMost(Duration.ofSeconds(20)).until(() -> bobBrowser.driver().getTitle().startsWith("● Your turn!")
                    || bobBrowser.driver().getTitle().startsWith("● On air"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> notices = (List<Map<String, Object>>) bobBrowser.script("return window.notices;");
            assertThat(notices).as("a notification naming the montage").anySatisfy(notice -> {
                assertThat(notice.get("title")).isEqualTo("Your turn in " + title);
                assertThat((String) notice.get("body")).startsWith("Recording starts in");
            });
            assertThat(notices).as("a chime").anySatisfy(notice -> assertThat(notice.get("tone")).isEqualTo(true));
            await().atMost(Duration.ofSeconds(15)).until(() -> bobBrowser.driver().getTitle()
                    .startsWith("● On air Studio · " + title));

            bobBrowser.click("#finish");
            await("the title is the page's own again once the turn is over").atMost(Duration.ofSeconds(20))
                    .until(() -> bobBrowser.driver().getTitle().startsWith("Studio · " + title));
        }
    }
}
