package dev.montazz.auth.authorization;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key every token is signed with: the configured one, so that all auth-service instances sign alike and the
 * services can check a token against the keys of any of them; its id is the key's thumbprint, the same everywhere.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SigningSettings.class)
class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningSettings settings) throws GeneralSecurityException, JOSEException {
        KeyPair keys;
        if (settings.key() == null || settings.key().isBlank()) {
            log.warn("No montazz.auth.signing.key: tokens are signed with a key made now. Fine for one instance; "
                    + "several instances need the same key, and a restart signs everyone out of the services.");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } else {
            keys = parse(settings.key());
        }
        RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey(keys.getPrivate())
                .keyIDFromThumbprint().build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** A PKCS#8 PEM RSA private key and its public half (from the modulus and public exponent it carries). */
    static KeyPair parse(String pem) throws GeneralSecurityException {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        try {
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("montazz.auth.signing.key is not an RSA private key in PKCS#8 PEM "
                    + "(-----BEGIN PRIVATE KEY-----)", e);
        }
    }
}
