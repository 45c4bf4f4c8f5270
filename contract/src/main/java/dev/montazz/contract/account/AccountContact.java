package dev.montazz.contract.account;

/**
 * How to reach a person, read by the portal (e-mail: invitations, films ready) from auth-service's {@code accounts}
 * collection, by user name.
 */
public record AccountContact(String username, String displayName, String email) {

    /** The field readers look people up by. */
    public static final String USERNAME = "username";
}
