package dev.montazz.ingest.floor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.montazz.contract.MongoCollections;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Who may record into a montage right now, and who waits: one holder, a first-come-first-served queue. Every change
 * makes a new value; {@link FloorStore} saves it only if nobody changed the floor meanwhile ({@code version}), so any
 * number of ingest instances share one floor without ever granting it twice.
 *
 * @param fence grows with every grant; a chunk must carry its holder's fence, so a stale holder's late chunks are
 *        refused even if the same person holds the floor again
 * @param pendingEnds takes cut off without their last chunk; ingest publishes an end marker for each, then drops it
 * @param lastTurn how the most recent turn ended, so a late chunk of it is told the truth
 */
@Document(MongoCollections.FLOORS)
public record Floor(@Id String montageId, @Version Long version, long fence, Holder holder, List<Waiting> queue,
        List<OpenTake> pendingEnds, LastTurn lastTurn) {

    /**
     * The person on the floor.
     *
     * @param leaseUntil when the turn passes on unless a chunk renews it (the first lease is the countdown)
     * @param takeId the take being recorded, once its first chunk arrived
     * @param nextSequence the sequence number of the next new chunk
     * @param takeEnded whether the take's last chunk was stored
     */
    public record Holder(String username, String displayName, long fence, Instant grantedAt, Instant leaseUntil,
            String takeId, Instant shotStartedAt, int nextSequence, boolean takeEnded) {
    }

    public record Waiting(String username, String displayName, Instant joinedAt) {
    }

    /** A take that lost the floor before its last chunk: it ends before {@code sequence}. */
    public record OpenTake(String takeId, int sequence, String username, String displayName) {
    }

    /** Why a turn ended, in words for its holder. */
    public enum Ending {
        FINISHED("you finished it"),
        LEFT("you left the queue"),
        SILENT("nothing arrived from you for longer than the lease"),
        TOO_LONG("the shot reached this montage's longest length");

        private final String words;

        Ending(String words) {
            this.words = words;
        }
    }

    /** The turn that ended last: whose, with which fence, and why. */
    public record LastTurn(String username, long fence, Ending ending, Instant endedAt) {
    }

    static Floor empty(String montageId) {
        return new Floor(montageId, null, 0, null, List.of(), List.of(), null);
    }

    boolean holds(String username) {
        return holder != null && holder.username().equals(username);
    }

    /** 1 for the first in line, 0 for the holder, empty when not on the floor at all. */
    Optional<Integer> placeOf(String username) {
        if (holds(username)) {
            return Optional.of(0);
        }
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i).username().equals(username)) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    Floor join(String username, String displayName, Instant now, FloorRules rules) {
        if (placeOf(username).isPresent()) {
            return this;
        }
        List<Waiting> longer = new ArrayList<>(queue);
        longer.add(new Waiting(username, displayName, now));
        return new Floor(montageId, version, fence, holder, longer, pendingEnds, lastTurn).promote(now, rules);
    }

    Floor leave(String username, Instant now, FloorRules rules) {
        if (holds(username)) {
            return release(Ending.LEFT, now, rules);
        }
        List<Waiting> shorter = queue.stream().filter(w -> !w.username().equals(username)).toList();
        return new Floor(montageId, version, fence, holder, shorter, pendingEnds, lastTurn);
    }

    /** The holder ends their turn; a finish with another fence is a stale tab's and changes nothing. */
    Floor finish(String username, long fence, Instant now, FloorRules rules) {
        return holds(username) && holder.fence() == fence ? release(Ending.FINISHED, now, rules) : this;
    }

    /**
     * Passes the turn on from a holder who went silent past the lease or past the longest shot allowed. Silence is the
     * holder's, not the platform's: it counts only from when this instance could hear them ({@code observedSince}),
     * so a restarted ingest-service gives holders a lease to come back before it passes their turn on.
     */
    Floor expire(Instant now, FloorRules rules) {
        if (holder == null) {
            return promote(now, rules);
        }
        Instant silentAfter = later(holder.leaseUntil(), rules.observedSince().plus(rules.lease()));
        boolean tooLong = holder.shotStartedAt() != null
                && holder.shotStartedAt().plus(rules.maxShot()).plus(rules.lease()).isBefore(now);
        if (tooLong) {
            return release(Ending.TOO_LONG, now, rules);
        }
        return silentAfter.isBefore(now) ? release(Ending.SILENT, now, rules) : this;
    }

    /**
     * Without this person anywhere: not holding (and no end marker for their take, which is being deleted), not
     * waiting. The next in line gets the floor.
     */
    Floor withoutPerson(String username, Instant now, FloorRules rules) {
        List<Waiting> shorter = queue.stream().filter(w -> !w.username().equals(username)).toList();
        List<OpenTake> ends = pendingEnds.stream().filter(t -> !username.equals(t.username())).toList();
        boolean held = holds(username);
        if (!held && shorter.size() == queue.size() && ends.size() == pendingEnds.size()) {
            return this;
        }
        LastTurn ended = held ? new LastTurn(username, holder.fence(), Ending.LEFT, now) : lastTurn;
        return new Floor(montageId, version, fence, held ? null : holder, shorter, ends, ended).promote(now, rules);
    }

    /** The holder is still there (a chunk of theirs is on its way): their lease runs from now again. */
    Floor renew(String username, long fence, Instant now, FloorRules rules) {
        if (!holds(username) || holder.fence() != fence || holder.leaseUntil().isAfter(now.plus(rules.lease()))) {
            return this;
        }
        Holder renewed = new Holder(holder.username(), holder.displayName(), holder.fence(), holder.grantedAt(),
                now.plus(rules.lease()), holder.takeId(), holder.shotStartedAt(), holder.nextSequence(),
                holder.takeEnded());
        return new Floor(montageId, version, this.fence, renewed, queue, pendingEnds, lastTurn);
    }

    /**
     * Checks a chunk before it is published. A chunk the holder sent before (a re-send) passes unchanged: it is stored
     * once downstream. The floor changes (and is written) only for a take's first chunk or a lease half spent: each
     * acknowledged chunk renews the lease, so a holder streaming steadily costs one write per chunk, not two.
     */
    Floor accept(String username, long fence, String takeId, int sequence, Instant now, FloorRules rules) {
        if (!holds(username) || holder.fence() != fence) {
            throw new FloorRefusal(whyNot(username, fence));
        }
        if (holder.takeId() != null && !holder.takeId().equals(takeId)) {
            throw new FloorRefusal("One take per turn: this turn is recording take " + holder.takeId());
        }
        if (holder.takeEnded() && sequence >= holder.nextSequence()) {
            throw new FloorRefusal("This take has ended; finish your turn to let the next person record");
        }
        if (sequence > holder.nextSequence()) {
            throw new FloorRefusal("Chunk " + sequence + " came before chunk " + holder.nextSequence()
                    + "; send chunk " + holder.nextSequence() + " next", holder.nextSequence());
        }
        boolean leaseFresh = now.plus(rules.lease().dividedBy(2)).isBefore(holder.leaseUntil());
        if (takeId.equals(holder.takeId()) && leaseFresh) {
            return this;
        }
        Holder renewed = new Holder(holder.username(), holder.displayName(), holder.fence(), holder.grantedAt(),
                later(holder.leaseUntil(), now.plus(rules.lease())), takeId,
                holder.shotStartedAt() == null ? now : holder.shotStartedAt(), holder.nextSequence(),
                holder.takeEnded());
        return new Floor(montageId, version, this.fence, renewed, queue, pendingEnds, lastTurn);
    }

    /** Why this person may not send with this fence now, as it is: whose turn it is, and how theirs ended. */
    private String whyNot(String username, long fence) {
        String ended = lastTurn != null && lastTurn.username().equals(username) && lastTurn.fence() == fence
                ? "Your turn ended because " + lastTurn.ending().words + ". "
                : holds(username) || fence < this.fence ? "That turn of yours has ended. " : "";
        if (holds(username)) {
            return ended + "You have the floor again in a newer turn: this page's chunks belong to the earlier one";
        }
        String now = holder == null ? "Nobody has the floor now" : holder.displayName() + " has the floor now";
        return ended + placeOf(username).map(place -> now + "; you are number " + place + " in the queue")
                .orElse(now + "; join the queue to record");
    }

    /** Records that a chunk was stored, so the next new chunk must follow it, and renews the holder's lease. */
    Floor acknowledged(String username, long fence, int sequence, boolean last, Instant now, FloorRules rules) {
        if (!holds(username) || holder.fence() != fence || sequence < holder.nextSequence()) {
            return this;
        }
        Holder advanced = new Holder(holder.username(), holder.displayName(), holder.fence(), holder.grantedAt(),
                later(holder.leaseUntil(), now.plus(rules.lease())), holder.takeId(), holder.shotStartedAt(),
                sequence + 1, last);
        return new Floor(montageId, version, this.fence, advanced, queue, pendingEnds, lastTurn);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    Floor withoutPendingEnd(OpenTake done) {
        List<OpenTake> rest = pendingEnds.stream().filter(t -> !t.takeId().equals(done.takeId())).toList();
        return new Floor(montageId, version, fence, holder, queue, rest, lastTurn);
    }

    private Floor release(Ending ending, Instant now, FloorRules rules) {
        List<OpenTake> ends = new ArrayList<>(pendingEnds);
        if (holder.takeId() != null && !holder.takeEnded()) {
            ends.add(new OpenTake(holder.takeId(), holder.nextSequence(), holder.username(), holder.displayName()));
        }
        LastTurn ended = new LastTurn(holder.username(), holder.fence(), ending, now);
        return new Floor(montageId, version, fence, null, queue, ends, ended).promote(now, rules);
    }

    /** Gives a free floor to the first in line, with the countdown as their first lease. */
    private Floor promote(Instant now, FloorRules rules) {
        if (holder != null || queue.isEmpty()) {
            return this;
        }
        Waiting next = queue.get(0);
        long granted = fence + 1;
        Holder holder = new Holder(next.username(), next.displayName(), granted, now,
                now.plus(rules.countdown()).plus(rules.lease()), null, null, 0, false);
        return new Floor(montageId, version, granted, holder, queue.subList(1, queue.size()), pendingEnds,
                lastTurn);
    }

    /** How long until this person's turn, guessing every shot ahead takes the longest allowed. */
    Duration estimatedWait(String username, Instant now, FloorRules rules) {
        int place = placeOf(username).orElse(queue.size() + 1);
        if (place == 0) {
            return Duration.ZERO;
        }
        Duration current = Duration.ZERO;
        if (holder != null) {
            Instant shotEnds = (holder.shotStartedAt() == null ? holder.leaseUntil() : holder.shotStartedAt())
                    .plus(rules.maxShot());
            current = shotEnds.isAfter(now) ? Duration.between(now, shotEnds) : Duration.ZERO;
        }
        return current.plus(rules.maxShot().multipliedBy(place - 1));
    }
}
