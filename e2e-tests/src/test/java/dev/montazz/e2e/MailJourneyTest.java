package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.LocalMail;
import dev.montazz.stack.Platform.Service;
import dev.montazz.stack.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-mail on the running platform, read from the local stack's SMTP server: the owner invites a friend by address, the
 * friend follows the link in the message and joins; when the film is ready, everyone in it gets a message whose link
 * opens the film.
 */
class MailJourneyTest {

    private static Platform platform;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void anInvitationByMailBringsAFriendInAndTheFilmReadyMailOpensTheFilm() throws Exception {
        LocalMail mail = platform.mail().orElseThrow();
        String title = "Mail " + UUID.randomUUID().toString().substring(0, 6);
        Person ann = Person.signUp(platform, "Ann");
        Person bob = Person.signUp(platform, "Bob");
        String bobAddress = bob.username() + "@example.org";
        String montage = Api.createMontage(platform, ann, title);

        HttpResponse<String> invited = Http.postJson(portal("/api/montages/" + montage + "/invitations"),
                ann.bearer(), Map.of("email", bobAddress));
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(202);

        LocalMail.Mail invitation = await().atMost(Duration.ofSeconds(30)).until(() -> to(mail, bobAddress),
                mails -> !mails.isEmpty()).get(0);
        assertThat(invitation.subject()).isEqualTo("Ann invites you to \"" + title + "\" on Montazz");
        String join = link(invitation.text(), "/join/");
        HttpResponse<String> joined = bob.browser().submit(join, join, Map.of());
        assertThat(joined.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/montages/" + montage));

        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, "ann", "red", 320, 240, 2.0, 440));
        long fence = Api.takeTheFloor(platform, ann, montage);
        HttpResponse<String> stored = Api.putChunk(platform, ann, montage, UUID.randomUUID().toString(), 0, true,
                fence, clip);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        Api.finishTurn(platform, ann, montage, fence);
        Api.awaitReady(platform, ann, montage, Duration.ofSeconds(90));

        String subject = "The film of \"" + title + "\" is ready";
        for (Person person : List.of(ann, bob)) {
            LocalMail.Mail ready = await().atMost(Duration.ofSeconds(30)).until(
                    () -> to(mail, person.username() + "@example.org").stream()
                            .filter(m -> m.subject().equals(subject)).toList(), mails -> !mails.isEmpty()).get(0);
            HttpResponse<String> film = person.browser().get(link(ready.text(), "/montages/"));
            assertThat(film.statusCode()).isEqualTo(200);
            assertThat(film.body()).as("the watch page with the film").contains("id=\"player\"");
        }
    }

    private static List<LocalMail.Mail> to(LocalMail mail, String address) {
        return mail.received().stream().filter(m -> m.to().contains(address)).toList();
    }

    private static String link(String text, String path) {
        Matcher matcher = Pattern.compile(Pattern.quote(platform.url(Service.PORTAL) + path) + "\\S+").matcher(text);
        assertThat(matcher.find()).as("a link to %s in %s", path, text).isTrue();
        return matcher.group();
    }

    private static String portal(String path) {
        return platform.url(Service.PORTAL) + path;
    }
}
