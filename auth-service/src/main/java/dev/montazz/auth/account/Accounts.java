package dev.montazz.auth.account;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creating accounts and looking them up for sign-in. User names and e-mail addresses are kept lower-case. */
@Service
public class Accounts implements UserDetailsService {

    private final AccountRepository repository;
    private final PasswordEncoder passwords;

    Accounts(AccountRepository repository, PasswordEncoder passwords) {
        this.repository = repository;
        this.passwords = passwords;
    }

    /**
     * Thrown when the user name is taken ({@code field} says so). An e-mail address in use is {@link EmailInUse},
     * which the sign-up page does not reveal.
     */
    public static final class TakenException extends RuntimeException {
        private final String field;

        TakenException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public Account create(String username, String email, String rawPassword, String displayName, Set<Account.Role> roles) {
        String name = normalise(username);
        String mail = normalise(email);
        if (repository.existsByUsername(name)) {
            throw new TakenException("username", "This user name is taken");
        }
        String hash = passwords.encode(rawPassword);
        if (repository.existsByEmail(mail)) {
            throw new EmailInUse();
        }
        try {
            return repository.insert(new Account(null, name, mail, hash, displayName.strip(), roles, Instant.now()));
        } catch (DuplicateKeyException raceLost) {
            // The unique indexes decide when two sign-ups for the same name arrive at once.
            throw new TakenException("username", "This user name or e-mail address is taken");
        }
    }

    /** An account with this e-mail address exists already; nobody learns that from the sign-up page. */
    public static final class EmailInUse extends RuntimeException {
        EmailInUse() {
            super("E-mail address in use", null, false, false);
        }
    }

    /** Removes the account; its user name and e-mail address are free again at once. */
    public void delete(Account account) {
        repository.deleteById(account.id());
    }

    /** Accounts whose user name or name contains {@code text}, for administrators; 50 at most. */
    public java.util.List<Account> search(String text) {
        String wanted = text == null ? "" : text.strip();
        return repository.findTop50ByUsernameContainingIgnoreCaseOrDisplayNameContainingIgnoreCaseOrderByUsernameAsc(
                wanted, wanted);
    }

    public Optional<Account> find(String username) {
        return repository.findByUsername(normalise(username));
    }

    boolean exists(String username) {
        return repository.existsByUsername(normalise(username));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = find(username).orElseThrow(() -> new UsernameNotFoundException("No account " + username));
        return User.withUsername(account.username()).password(account.passwordHash())
                .authorities(AuthorityUtils.createAuthorityList(
                        account.roles().stream().map(r -> "ROLE_" + r.name()).toArray(String[]::new)))
                .build();
    }

    private static String normalise(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
