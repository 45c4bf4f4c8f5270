package dev.montazz.portal.montage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

import dev.montazz.portal.mail.Outbox;
import dev.montazz.portal.mail.OutgoingMail;
import dev.montazz.security.CurrentUser;
import dev.montazz.security.MontazzSecurityProperties;
import dev.montazz.security.input.ClientText;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * An owner invites someone by e-mail: the message carries the montage's invitation link (the same one the owner can
 * share by hand). The same address is invited to the same montage at most once a day.
 */
@Component
class Invitations {

    private final MontageCatalog catalog;
    private final Outbox outbox;
    private final String portalUrl;
    private final Clock clock;

    Invitations(MontageCatalog catalog, Outbox outbox, MontazzSecurityProperties security, Clock clock) {
        this.catalog = catalog;
        this.outbox = outbox;
        this.portalUrl = security.home();
        this.clock = clock;
    }

    /** Queues the invitation; 404 unless the person owns the montage. */
    void invite(String montageId, String email, CurrentUser owner) {
        Montage montage = catalog.owned(montageId, owner).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "There is no montage " + montageId + " of yours"));
        String address = email.strip();
        String title = ClientText.clip(montage.title());
        String text = "Hello,\n\n" + ClientText.clip(owner.displayName()) + " invites you to record a shot for \""
                + title + "\" on Montazz, a film made of short webcam shots from many people.\n\n"
                + "Join here: " + portalUrl + "/join/" + montage.inviteCode() + "\n\n"
                + "Sign in (or sign up) there, then record your shot in the studio when it is your turn.\n";
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        outbox.send("invitation:" + montage.id() + ":" + address.toLowerCase(Locale.ROOT) + ":" + today,
                new OutgoingMail.Message(address, ClientText.clip(owner.displayName()) + " invites you to \"" + title
                        + "\" on Montazz", text), owner.username());
    }
}
