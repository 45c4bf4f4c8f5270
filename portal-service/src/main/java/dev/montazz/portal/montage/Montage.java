package dev.montazz.portal.montage;

import java.time.Instant;
import java.util.List;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.montage.Framing;
import dev.montazz.contract.montage.Layout;
import dev.montazz.contract.montage.Transition;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A montage, owned by portal-service (other services only read it). Ids are random URL-safe strings made here rather
 * than ObjectIds, so every service can look one up by its plain string value.
 *
 * @param owner the account name of who created it
 * @param contributors account names allowed to record into it (the owner first); ingest-service checks this list
 * @param contributorNames their display names, for search
 * @param inviteCode the secret part of the link that lets someone join as a contributor
 * @param maxShotSeconds the longest shot; ingest-service passes the turn on after it
 * @param layout how merge-service lays the takes out; null means {@link Layout#SEQUENCE}
 * @param transition how takes in a sequence follow each other; null means {@link Transition#CUT}
 * @param framing how takes of another shape than the film's fill the frame; null means {@link Framing#BARS}
 */
// The list asks for "theirs or public": on a real MongoDB both halves of that $or are answered from an index.
@Document(MongoCollections.MONTAGES)
public record Montage(@Id String id, String title, String owner, String ownerName,
        @Indexed List<String> contributors, List<String> contributorNames, @Indexed Visibility visibility,
        @Indexed(unique = true, sparse = true) String inviteCode,
        Integer maxShotSeconds, Instant createdAt, Layout layout, Transition transition, Framing framing) {

    /** Who may watch: contributors only, anyone signed in with the link, or everyone signed in. */
    public enum Visibility { PRIVATE, UNLISTED, PUBLIC }

    @Override
    public Transition transition() {
        return transition == null ? Transition.CUT : transition;
    }

    @Override
    public Framing framing() {
        return framing == null ? Framing.BARS : framing;
    }

    @Override
    public Layout layout() {
        return layout == null ? Layout.SEQUENCE : layout;
    }

    boolean visibleTo(String username) {
        return visibility != Visibility.PRIVATE || contributors.contains(username);
    }
}
