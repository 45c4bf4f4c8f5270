package dev.montazz.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The key auth-service signs tokens with: {@code MONTAZZ_AUTH_SIGNING_KEY} if set, otherwise made once and kept in
 * {@code <data>/auth-signing-key.pem} (its owner's only). Every auth instance gets the same one, and a restart of auth
 * signs nobody out of the services.
 */
final class SigningKeyFile {

    private SigningKeyFile() {
    }

    static String of(Path dataDir) throws IOException {
        String configured = System.getenv("MONTAZZ_AUTH_SIGNING_KEY");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = dataDir.resolve("auth-signing-key.pem");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII);
        }
        String pem;
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path partial = dataDir.resolve("auth-signing-key.pem.new");
        Files.writeString(partial, pem, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return pem;
    }
}
