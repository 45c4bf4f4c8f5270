package dev.montazz.ingest;

import dev.montazz.contract.Topics;
import dev.montazz.contract.testing.EventContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** ingest-service's side of the topics it reads (and of the live audience, which it also writes), with the JSON mapper it really uses (docs/kafka-contract.md). */
class KafkaContractTest extends RealInfrastructureTest {

    @Autowired
    private JsonMapper json;

    @Test
    void readsMergesReceipts() {
        EventContract.assertConsumerReads(json, Topics.CHUNK_RECEIPTS);
    }

    @Test
    void readsMontageDeletions() {
        EventContract.assertConsumerReads(json, Topics.MONTAGE_DELETIONS);
    }

    @Test
    void readsAccountDeletions() {
        EventContract.assertConsumerReads(json, Topics.ACCOUNT_DELETIONS);
    }

    /** The live feed (live-feed module) announces and reads figures with the service's own mapper. */
    @Test
    void writesAndReadsLiveAudiences() {
        EventContract.assertProducerWrites(json, Topics.LIVE_AUDIENCE);
        EventContract.assertConsumerReads(json, Topics.LIVE_AUDIENCE);
    }
}
