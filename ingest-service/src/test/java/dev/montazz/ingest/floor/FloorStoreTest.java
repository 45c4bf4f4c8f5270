package dev.montazz.ingest.floor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.montazz.ingest.RealInfrastructureTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** The compare-and-set store of floors on the real MongoDB-wire server. */
class FloorStoreTest extends RealInfrastructureTest {

    private final FloorRules rules = new FloorRules(Duration.ofSeconds(6), Duration.ZERO, Duration.ofMinutes(2),
            Instant.EPOCH);

    @Autowired
    private FloorStore store;

    @Test
    void aChangeThatLosesEveryRaceIsRefusedAsBusyAndChangesNothing() {
        String montage = "m-" + UUID.randomUUID().toString().substring(0, 8);
        store.update(montage, f -> f.join("ann", "Ann", Instant.now(), rules));
        Query thisFloor = Query.query(Criteria.where("_id").is(montage));

        assertThatThrownBy(() -> store.update(montage, f -> {
            // Someone else changes the floor between every read and write of this change.
            mongo.updateFirst(thisFloor, new Update().inc("version", 1), Floor.class);
            return f.join("bob", "Bob", Instant.now(), rules);
        })).isInstanceOf(FloorBusy.class).hasMessageContaining("try again");

        assertThat(store.read(montage).queue()).isEmpty();
        assertThat(store.read(montage).holds("ann")).isTrue();
    }
}
