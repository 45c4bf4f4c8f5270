package dev.montazz.ingest.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.floor.FloorView;
import dev.montazz.ingest.RealInfrastructureTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** A floor as ingest writes it is what the portal reads through the contract's {@code FloorView}. */
class FloorContractTest extends RealInfrastructureTest {

    private final FloorRules rules = new FloorRules(Duration.ofSeconds(6), Duration.ZERO, Duration.ofMinutes(2),
            Instant.EPOCH);

    @Autowired
    private FloorStore store;

    @Test
    void thePortalReadsWhoIsOnAirAndFindsFloorsWithSomeoneOnAir() {
        String onAir = "m-" + UUID.randomUUID().toString().substring(0, 8);
        String free = "m-" + UUID.randomUUID().toString().substring(0, 8);
        store.update(onAir, f -> f.join("ann", "Ann", Instant.now(), rules).join("bob", "Bob", Instant.now(), rules));
        store.update(free, f -> f.join("cleo", "Cleo", Instant.now(), rules));
        store.update(free, f -> f.leave("cleo", Instant.now(), rules));

        assertThat(mongo.findById(onAir, FloorView.class, MongoCollections.FLOORS))
                .isEqualTo(new FloorView(onAir, new FloorView.HolderView("ann", "Ann")));
        assertThat(mongo.find(Query.query(Criteria.where("_id").in(onAir, free).and(FloorView.HOLDER).ne(null)),
                FloorView.class, MongoCollections.FLOORS)).extracting(FloorView::id).containsExactly(onAir);
    }
}
