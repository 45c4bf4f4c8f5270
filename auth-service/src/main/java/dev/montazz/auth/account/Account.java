package dev.montazz.auth.account;

import java.time.Instant;
import java.util.Set;

import dev.montazz.contract.MongoCollections;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A person's account. The password is only ever stored as a DelegatingPasswordEncoder hash ({@code {bcrypt}…}). */
@Document(MongoCollections.ACCOUNTS)
public record Account(@Id String id, @Indexed(unique = true) String username, @Indexed(unique = true) String email,
        String passwordHash, String displayName, Set<Role> roles, Instant createdAt) {

    public enum Role { USER, ADMIN }
}
