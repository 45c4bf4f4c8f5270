package dev.montazz.portal.edit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The names the editor gives shots. A take's key holds its contributor's account name, which pages and the API never
 * show, so a shot is named by a digest of the key: the same name on every page and every instance, nothing to store.
 */
public final class ShotIds {

    private ShotIds() {
    }

    public static String of(String takeId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(takeId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
