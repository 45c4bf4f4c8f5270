package dev.montazz.portal.montage;

import dev.montazz.contract.Topics;
import dev.montazz.contract.account.AccountContact;
import dev.montazz.contract.render.RenderProgress;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.portal.mail.Contacts;
import dev.montazz.portal.mail.Outbox;
import dev.montazz.portal.mail.OutgoingMail;
import dev.montazz.security.MontazzSecurityProperties;
import dev.montazz.security.input.ClientText;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells everyone in a montage by e-mail when its film is ready, with a link to watch it. One group for all portal
 * instances, so each film is announced once; from the newest event on, so a new portal never mails old news. A
 * redelivered event queues nothing twice (the message id names the render).
 */
@Component
class FilmReadyMail {

    private final MontageRepository montages;
    private final Contacts contacts;
    private final Outbox outbox;
    private final JsonMapper json;
    private final String portalUrl;

    FilmReadyMail(MontageRepository montages, Contacts contacts, Outbox outbox, JsonMapper json,
            MontazzSecurityProperties security) {
        this.montages = montages;
        this.contacts = contacts;
        this.outbox = outbox;
        this.json = json;
        this.portalUrl = security.home();
    }

    @KafkaListener(id = "film-ready-mail", topics = Topics.RENDER_PROGRESS, groupId = "portal-film-ready-mail",
            properties = "auto.offset.reset=latest")
    void onProgress(byte[] value) {
        RenderProgress progress = json.readValue(value, RenderProgress.class);
        if (progress.status() != RenderStatus.READY || !outbox.available()) {
            return;
        }
        montages.findById(progress.montageId()).ifPresent(montage -> {
            String title = ClientText.clip(montage.title());
            for (String username : montage.contributors()) {
                contacts.of(username).map(AccountContact::email).ifPresent(email -> outbox.tell(
                        "film-ready:" + montage.id() + ":" + progress.at() + ":" + username,
                        new OutgoingMail.Message(email, "The film of \"" + title + "\" is ready",
                                "Hello,\n\nThe film of \"" + title + "\" is ready, with your shot in it.\n\n"
                                        + "Watch it here: " + portalUrl + "/montages/" + montage.id() + "\n")));
            }
        });
    }
}
