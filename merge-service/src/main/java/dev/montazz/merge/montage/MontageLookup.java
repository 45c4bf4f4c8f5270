package dev.montazz.merge.montage;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.montage.MontageSettings;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads what a film depends on from portal-service's {@code montages} collection, which merge-service never writes. */
@Component
public class MontageLookup {

    private final MongoTemplate mongo;

    MontageLookup(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The montage's settings; defaults (and a title made from its id) for what the owner never chose. */
    public MontageSettings settingsOf(String montageId) {
        Query query = Query.query(Criteria.where("_id").is(montageId));
        query.fields().include(MontageSettings.FIELDS);
        MontageSettings montage = mongo.findOne(query, MontageSettings.class, MongoCollections.MONTAGES);
        if (montage == null) {
            return new MontageSettings(montageId, "Montage " + montageId, null, null, null, null);
        }
        return montage.title() == null
                ? new MontageSettings(montageId, "Montage " + montageId, montage.layout(), montage.transition(),
                        montage.edit(), montage.framing())
                : montage;
    }
}
