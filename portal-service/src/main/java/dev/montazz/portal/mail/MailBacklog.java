package dev.montazz.portal.mail;

/** Too many messages caused by one person are still waiting to be sent. */
public class MailBacklog extends RuntimeException {

    MailBacklog(int pending) {
        super("You have " + pending + " e-mails still waiting to be sent; try again in a few minutes", null, false,
                false);
    }
}
