package dev.montazz.auth.login;

import java.time.Duration;

import dev.montazz.auth.account.PasswordBytes;
import dev.montazz.security.input.ClientText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Password sign-in that makes a guesser wait ({@link LoginThrottle}) before it even looks at the password. */
@Component
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(UserDetailsService accounts, PasswordEncoder encoder, LoginThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : "unknown";
        throttle.waitFor(username, address).ifPresent(wait -> {
            log.warn("Sign-in for {} from {} refused: must wait {} s", ClientText.clip(username), address,
                    wait.toSeconds());
            throw new LockedException("Too many wrong passwords. Try again in " + inWords(wait) + ".");
        });
        try {
            if (!PasswordBytes.Validator.fits(String.valueOf(authentication.getCredentials()))) {
                // bcrypt cannot take it, so it cannot be anyone's password: a wrong one, not a server error.
                throw new BadCredentialsException("Password longer than bcrypt reads");
            }
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username, address);
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(username, address);
            log.info("Wrong password for {} from {}", ClientText.clip(username), address);
            throw e;
        }
    }

    static String inWords(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        if (seconds < 60) {
            return seconds == 1 ? "a second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
