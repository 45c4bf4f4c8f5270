package dev.montazz.ingest.floor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The turn-taking rules, on their own. */
class FloorTest {

    private static final FloorRules rules = new FloorRules(Duration.ofSeconds(5), Duration.ofSeconds(3),
            Duration.ofSeconds(60));
    private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

    private Floor floor = Floor.empty("m1");

    @Test
    void theFloorGoesToWhoeverAsksFirstAndTheOthersQueueInOrder() {
        floor = floor.join("ann", "Ann", t0, rules).join("bob", "Bob", t0, rules).join("cleo", "Cleo", t0, rules);
        assertThat(floor.holder().username()).isEqualTo("ann");
        assertThat(floor.placeOf("bob")).contains(1);
        assertThat(floor.placeOf("cleo")).contains(2);
        assertThat(floor.join("bob", "Bob", t0, rules)).as("joining twice keeps your place").isSameAs(floor);
    }

    @Test
    void othersAreRefusedUntilTheHolderFinishesThenTheNextInLineHasIt() {
        floor = floor.join("ann", "Ann", t0, rules).join("bob", "Bob", t0, rules);
        long annFence = floor.holder().fence();
        assertThatThrownBy(() -> floor.accept("bob", annFence, "tb", 0, t0, rules)).isInstanceOf(FloorRefusal.class)
                .hasMessageContaining("you are number 1 in the queue");

        floor = floor.finish("ann", annFence, t0, rules);

        assertThat(floor.holder().username()).isEqualTo("bob");
        assertThat(floor.holder().fence()).isGreaterThan(annFence);
        assertThatThrownBy(() -> floor.accept("ann", annFence, "ta", 0, t0, rules)).isInstanceOf(FloorRefusal.class);
    }

    @Test
    void aSilentHolderLosesTheTurnAfterTheLeaseAndTheirTakeIsEnded() {
        floor = floor.join("ann", "Ann", t0, rules).join("bob", "Bob", t0, rules);
        long fence = floor.holder().fence();
        floor = floor.accept("ann", fence, "ta", 0, t0.plusSeconds(3), rules)
                .acknowledged("ann", fence, 0, false, t0.plusSeconds(3), rules);
        floor = floor.accept("ann", fence, "ta", 1, t0.plusSeconds(4), rules)
                .acknowledged("ann", fence, 1, false, t0.plusSeconds(4), rules);

        assertThat(floor.expire(t0.plusSeconds(8), rules).holder().username()).as("lease still running")
                .isEqualTo("ann");
        floor = floor.expire(t0.plusSeconds(10), rules);

        assertThat(floor.holder().username()).isEqualTo("bob");
        assertThat(floor.pendingEnds()).containsExactly(new Floor.OpenTake("ta", 2, "ann", "Ann"));
    }

    @Test
    void theCountdownIsPartOfTheFirstLease() {
        floor = floor.join("ann", "Ann", t0, rules).join("bob", "Bob", t0, rules);
        assertThat(floor.expire(t0.plusSeconds(7), rules).holder().username()).isEqualTo("ann");
        assertThat(floor.expire(t0.plusSeconds(9), rules).holder().username()).isEqualTo("bob");
        assertThat(floor.expire(t0.plusSeconds(9), rules).pendingEnds()).as("nothing was recorded").isEmpty();
    }

    @Test
    void aShotLongerThanAllowedPassesTheTurnOnEvenWhileChunksKeepComing() {
        floor = floor.join("ann", "Ann", t0, rules).join("bob", "Bob", t0, rules);
        long fence = floor.holder().fence();
        floor = floor.accept("ann", fence, "ta", 0, t0, rules);
        for (int s = 1; s <= 70; s++) {
            Instant at = t0.plusSeconds(s);
            floor = floor.expire(at, rules);
            if (!floor.holds("ann")) {
                assertThat(s).as("the last chunks of a full-length shot still count").isGreaterThan(60);
                return;
            }
            floor = floor.acknowledged("ann", fence, s - 1, false, at, rules).accept("ann", fence, "ta", s, at, rules);
        }
        throw new AssertionError("Ann kept the floor past the longest shot");
    }

    @Test
    void aSteadyStreamWritesTheFloorOncePerChunk() {
        floor = floor.join("ann", "Ann", t0, rules);
        long fence = floor.holder().fence();
        Instant stored = t0.plusSeconds(20);
        floor = floor.accept("ann", fence, "ta", 0, stored, rules).acknowledged("ann", fence, 0, false, stored, rules);
        assertThat(floor.holder().leaseUntil()).as("the acknowledgement renews the lease")
                .isEqualTo(stored.plus(rules.lease()));

        Instant next = stored.plusSeconds(1);
        assertThat(floor.accept("ann", fence, "ta", 1, next, rules)).as("nothing to write before chunk 1 is stored")
                .isSameAs(floor);
        Instant late = stored.plus(rules.lease()).minusSeconds(1);
        assertThat(floor.accept("ann", fence, "ta", 1, late, rules).holder().leaseUntil())
                .as("a lease half spent is renewed before publishing").isEqualTo(late.plus(rules.lease()));
    }

    @Test
    void chunksMustComeInOrderButReSendsPass() {
        floor = floor.join("ann", "Ann", t0, rules);
        long fence = floor.holder().fence();
        floor = floor.accept("ann", fence, "ta", 0, t0, rules).acknowledged("ann", fence, 0, false, t0, rules);

        assertThatThrownBy(() -> floor.accept("ann", fence, "ta", 2, t0, rules)).isInstanceOf(FloorRefusal.class)
                .hasMessageContaining("send chunk 1 next")
                .satisfies(e -> assertThat(((FloorRefusal) e).expectedSequence()).isEqualTo(1));
        assertThat(floor.accept("ann", fence, "ta", 0, t0, rules).holder().nextSequence()).isEqualTo(1);
        assertThatThrownBy(() -> floor.accept("ann", fence, "another", 1, t0, rules))
                .hasMessageContaining("One take per turn");
    }

    @Test
    void aFinishedTakeTakesNoMoreChunksAndNeedsNoEndMarker() {
        floor = floor.join("ann", "Ann", t0, rules).join("bob", "Bob", t0, rules);
        long fence = floor.holder().fence();
        floor = floor.accept("ann", fence, "ta", 0, t0, rules).acknowledged("ann", fence, 0, true, t0, rules);
        assertThatThrownBy(() -> floor.accept("ann", fence, "ta", 1, t0, rules)).hasMessageContaining("has ended");

        floor = floor.finish("ann", fence, t0, rules);
        assertThat(floor.pendingEnds()).isEmpty();
        assertThat(floor.holder().username()).isEqualTo("bob");
    }

    @Test
    void aFinishFromAStaleTabChangesNothing() {
        floor = floor.join("ann", "Ann", t0, rules);
        assertThat(floor.finish("ann", floor.holder().fence() - 1, t0, rules)).isSameAs(floor);
    }

    @Test
    void theWaitIsEstimatedFromTheShotsAhead() {
        floor = floor.join("ann", "Ann", t0, rules).join("bob", "Bob", t0, rules).join("cleo", "Cleo", t0, rules);
        long fence = floor.holder().fence();
        floor = floor.accept("ann", fence, "ta", 0, t0, rules);
        assertThat(floor.estimatedWait("bob", t0.plusSeconds(20), rules)).isEqualTo(Duration.ofSeconds(40));
        assertThat(floor.estimatedWait("cleo", t0.plusSeconds(20), rules)).isEqualTo(Duration.ofSeconds(100));
        assertThat(floor.estimatedWait("ann", t0, rules)).isZero();
    }

    @Test
    void silenceIsCountedOnlyFromWhenThisInstanceCouldHearTheHolder() {
        floor = floor.join("ann", "Ann", t0, rules).join("bob", "Bob", t0, rules);
        long fence = floor.holder().fence();
        floor = floor.accept("ann", fence, "ta", 0, t0.plusSeconds(1), rules)
                .acknowledged("ann", fence, 0, false, t0.plusSeconds(1), rules);
        // ingest was down from t0+2 s and started again at t0+40 s: the lease ran out while nobody could hear Ann.
        FloorRules restarted = new FloorRules(rules.lease(), rules.countdown(), rules.maxShot(), t0.plusSeconds(40));

        assertThat(floor.expire(t0.plusSeconds(42), restarted).holder().username()).as("Ann gets a lease to come back")
                .isEqualTo("ann");
        Floor resumed = floor.expire(t0.plusSeconds(42), restarted)
                .accept("ann", fence, "ta", 1, t0.plusSeconds(42), restarted)
                .acknowledged("ann", fence, 1, false, t0.plusSeconds(42), restarted);
        assertThat(resumed.holder().nextSequence()).as("the same take goes on").isEqualTo(2);
        assertThat(resumed.pendingEnds()).isEmpty();

        Floor gone = floor.expire(t0.plusSeconds(46), restarted);
        assertThat(gone.holder().username()).as("silent past the lease after the restart").isEqualTo("bob");
        assertThat(gone.lastTurn().ending()).isEqualTo(Floor.Ending.SILENT);
    }

    @Test
    void aChunkOnItsWayKeepsTheTurnAndALateOneIsToldWhyTheTurnEnded() {
        floor = floor.join("ann", "Ann", t0, rules).join("bob", "Bob", t0, rules);
        long fence = floor.holder().fence();
        floor = floor.accept("ann", fence, "ta", 0, t0.plusSeconds(1), rules);
        // The chunk waits for storage; ingest vouches for Ann meanwhile.
        floor = floor.renew("ann", fence, t0.plusSeconds(8), rules);
        assertThat(floor.expire(t0.plusSeconds(12), rules).holder().username()).isEqualTo("ann");

        floor = floor.expire(t0.plusSeconds(14), rules);
        assertThatThrownBy(() -> floor.accept("ann", fence, "ta", 1, t0.plusSeconds(14), rules))
                .isInstanceOf(FloorRefusal.class).hasMessageContaining("Your turn ended because nothing arrived from you for "
                        + "longer than the lease. Bob has the floor now; join the queue to record");
        Floor finished = floor.finish("bob", floor.holder().fence(), t0.plusSeconds(15), rules);
        assertThatThrownBy(() -> finished.accept("bob", finished.lastTurn().fence(), "tb", 0, t0, rules))
                .hasMessageContaining("Your turn ended because you finished it. Nobody has the floor now; join the queue to "
                        + "record");
    }
}
