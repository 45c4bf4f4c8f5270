package dev.montazz.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's administrator password: {@code MONTAZZ_ADMIN_PASSWORD} if set, otherwise generated once and kept
 * in {@code <data>/admin-password} (readable by its owner only), so every start of the same data uses the same one.
 */
final class AdminPassword {

    private AdminPassword() {
    }

    static String of(Path dataDir) throws IOException {
        String configured = System.getenv("MONTAZZ_ADMIN_PASSWORD");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = dataDir.resolve("admin-password");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[15];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return password;
    }
}
