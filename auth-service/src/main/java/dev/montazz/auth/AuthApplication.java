package dev.montazz.auth;

import dev.montazz.security.MontazzSecurityAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The OpenID Connect provider for every Montazz service; the only writer of accounts. */
@SpringBootApplication(exclude = MontazzSecurityAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class AuthApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthApplication.class, args);
    }
}
