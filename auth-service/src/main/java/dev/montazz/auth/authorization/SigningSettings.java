package dev.montazz.auth.authorization;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param key the RSA private key tokens are signed with, PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}); every
 *        auth-service instance must have the same one, or a token signed by one fails where the other's keys were
 *        fetched. Unset: a key is made at start-up, which suits one instance whose restart may sign everyone out
 */
@ConfigurationProperties("montazz.auth.signing")
public record SigningSettings(String key) {
}
