package dev.montazz.portal.montage;

import java.security.SecureRandom;
import java.util.Base64;

/** Short unguessable ids, like a video site's: 66 random bits in 11 URL-safe characters. */
final class MontageIds {

    private static final SecureRandom random = new SecureRandom();

    private MontageIds() {
    }

    static String next() {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 11);
    }
}
