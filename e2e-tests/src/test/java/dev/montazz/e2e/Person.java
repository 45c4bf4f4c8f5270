package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import dev.montazz.auth.testing.Browser;
import dev.montazz.auth.testing.People;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;

/** Someone using Montazz: signed up through auth's pages, signed in to the portal, with a token for scripts. */
record Person(String username, String displayName, String password, Browser browser, String token) {

    static Person signUp(Platform platform, String displayName) throws Exception {
        String auth = platform.url(Service.AUTH);
        String username = displayName.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "password of " + username;
        Browser browser = new Browser(platform.url(Service.PORTAL));
        HttpResponse<String> signedUp = People.signUp(browser, auth, username, displayName, password);
        assertThat(signedUp.statusCode()).as(signedUp.body()).isEqualTo(302);
        HttpResponse<String> portal = browser.follow(browser.get(platform.url(Service.PORTAL) + "/"));
        assertThat(portal.uri().toString()).startsWith(auth + "/login");
        HttpResponse<String> home = browser.follow(People.signIn(browser, auth, username, password));
        assertThat(home.uri().toString()).startsWith(platform.url(Service.PORTAL));
        assertThat(home.body()).contains(displayName);
        return new Person(username, displayName, password, browser, People.accessToken(browser, auth));
    }

    String bearer() {
        return "Bearer " + token;
    }
}
