package dev.montazz.ingest.montage;

import java.util.List;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.montage.FilmEdit;
import dev.montazz.contract.montage.MontageSettings;
import dev.montazz.contract.take.TakeView;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Whether the owner asked someone to record a shot again and they have not yet, read from the portal's montage (the
 * owner's cut) and merge's takes, which ingest only reads. The contract's placing rule decides when a request is
 * answered, exactly as the film will.
 */
@Component
public class RetakeRequests {

    private final MongoTemplate mongo;

    RetakeRequests(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** How many of this person's shots in the montage the owner asked them to record again. */
    public int openFor(String montageId, String username) {
        Query montage = Query.query(Criteria.where("_id").is(montageId));
        montage.fields().include(MontageSettings.FIELDS);
        MontageSettings settings = mongo.findOne(montage, MontageSettings.class, MongoCollections.MONTAGES);
        if (settings == null) {
            return 0;
        }
        FilmEdit edit = settings.edit();
        List<FilmEdit.Retake> theirs = edit.retakes().stream()
                .filter(retake -> retake.contributorId().equals(username)).toList();
        if (theirs.isEmpty()) {
            return 0;
        }
        List<TakeView> takes = mongo.find(Query.query(Criteria.where(TakeView.MONTAGE_ID).is(montageId))
                .with(org.springframework.data.domain.Sort.by(TakeView.FIRST_PARTITION, TakeView.FIRST_OFFSET)),
                TakeView.class, MongoCollections.TAKES);
        var answered = edit.replacements(takes).keySet();
        return (int) theirs.stream().filter(retake -> !answered.contains(retake.takeId())).count();
    }
}
