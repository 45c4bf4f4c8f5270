package dev.montazz.auth.account;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import dev.montazz.auth.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator from configuration when it does not exist. Without a configured password one is
 * generated and written to the log once, so no installation ships with a known default password.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final Accounts accounts;
    private final AuthProperties.Admin admin;

    FirstAdmin(Accounts accounts, AuthProperties properties) {
        this.accounts = accounts;
        this.admin = properties.admin();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.exists(admin.username())) {
            return;
        }
        boolean generated = admin.password() == null || admin.password().isBlank();
        String password = generated ? generatePassword() : admin.password();
        accounts.create(admin.username(), admin.email(), password, "Administrator",
                Set.of(Account.Role.ADMIN, Account.Role.USER));
        if (generated) {
            log.warn("Created the administrator '{}' with the generated password {} (shown only this once; set "
                    + "MONTAZZ_ADMIN_PASSWORD to choose it)", admin.username(), password);
        } else {
            log.info("Created the administrator '{}' from configuration", admin.username());
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
