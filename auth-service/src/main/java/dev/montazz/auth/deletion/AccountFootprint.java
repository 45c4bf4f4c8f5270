package dev.montazz.auth.deletion;

import java.util.List;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.montage.MontageMembership;
import dev.montazz.contract.take.TakeView;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What deleting an account takes with it, read (never written) from the portal's montages and merge's takes through
 * the contract's read models, so the warning before a deletion names what goes: the person's own montages, and the
 * montages of others their takes are in.
 */
@Component
class AccountFootprint {

    private final MongoTemplate mongo;

    AccountFootprint(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    record Footprint(List<String> ownMontages, List<String> othersMontages, long takesInOthers) {
    }

    Footprint of(String username) {
        List<String> own = montages(Query.query(Criteria.where(MontageMembership.OWNER).is(username))).stream()
                .map(MontageMembership::title).toList();
        List<TakeView> takes = mongo.find(Query.query(Criteria.where(TakeView.CONTRIBUTOR_ID).is(username)),
                TakeView.class, MongoCollections.TAKES);
        List<String> montageIds = takes.stream().map(TakeView::montageId).distinct().toList();
        List<MontageMembership> others = montages(Query.query(Criteria.where("_id").in(montageIds)
                .and(MontageMembership.OWNER).ne(username)));
        List<String> otherIds = others.stream().map(MontageMembership::id).toList();
        long inOthers = takes.stream().filter(take -> otherIds.contains(take.montageId())).count();
        return new Footprint(own, others.stream().map(MontageMembership::title).toList(), inOthers);
    }

    private List<MontageMembership> montages(Query query) {
        return mongo.find(query, MontageMembership.class, MongoCollections.MONTAGES);
    }
}
