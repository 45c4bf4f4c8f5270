package dev.montazz.portal.mail;

/** E-mail cannot be sent from this Montazz: no SMTP server is set up. */
public class MailUnavailable extends RuntimeException {

    MailUnavailable() {
        super("E-mail is not set up on this Montazz: share the invitation link instead", null, false, false);
    }
}
