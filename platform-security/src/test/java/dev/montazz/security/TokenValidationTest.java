package dev.montazz.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** The checks every API applies to a bearer token, with tokens minted here by a key of our own. */
class TokenValidationTest {

    private static final String ISSUER = "http://localhost:9000";

    private final MontazzSecurityProperties properties = new MontazzSecurityProperties(URI.create(ISSUER), null,
            null, null, null, "montazz-api", null, false);
    private final KeyPair key = rsa();
    private final NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) key.getPublic()).build();

    {
        decoder.setJwtValidator(MontazzSecurityAutoConfiguration.validator(properties));
    }

    @Test
    void aTokenFromOurIssuerForThePlatformIsAccepted() {
        assertThat(decoder.decode(token(key, ISSUER, "montazz-api", Instant.now().plusSeconds(300))).getSubject())
                .isEqualTo("ann");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = token(key, ISSUER, "montazz-api", Instant.now().minus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        String foreign = token(key, "http://evil.example", "montazz-api", Instant.now().plusSeconds(300));
        assertThatThrownBy(() -> decoder.decode(foreign)).isInstanceOf(JwtException.class).hasMessageContaining("iss");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String elsewhere = token(key, ISSUER, "someone-else", Instant.now().plusSeconds(300));
        assertThatThrownBy(() -> decoder.decode(elsewhere)).isInstanceOf(JwtException.class)
                .hasMessageContaining("not meant for montazz-api");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String forged = token(rsa(), ISSUER, "montazz-api", Instant.now().plusSeconds(300));
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
    }

    private static String token(KeyPair signer, String issuer, String audience, Instant expiresAt) {
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) signer.getPublic()).privateKey((RSAPrivateKey) signer.getPrivate())
                .keyID("k1").build();
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).subject("ann").audience(List.of(audience))
                .issuedAt(expiresAt.minus(Duration.ofMinutes(10))).expiresAt(expiresAt).build();
        return encoder.encode(JwtEncoderParameters.from(claims)).getTokenValue();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
