package dev.montazz.security.input;

/**
 * What Montazz accepts as an e-mail address, next to {@code @Email} (which lets {@code ann@localhost} and {@code a@b}
 * through): one {@code @}, no spaces or angle brackets, a dot in the domain. Mail to anything else bounces or goes
 * nowhere; refusing it at the form tells the person at once.
 */
public final class EmailAddress {

    /** For {@code @Pattern(regexp = EmailAddress.PATTERN)}. */
    public static final String PATTERN = "[^@\\s<>,;]{1,64}@[^@\\s<>,;.]+(\\.[^@\\s<>,;.]+)+";

    public static final String MESSAGE = "This is not an e-mail address (like ann@example.org)";

    private EmailAddress() {
    }
}
