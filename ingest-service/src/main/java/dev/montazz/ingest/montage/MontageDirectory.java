package dev.montazz.ingest.montage;

import java.util.List;
import java.util.Optional;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.montage.MontageMembership;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads portal-service's montages, through the contract's read model; ingest never writes them. */
@Component
public class MontageDirectory {

    private final MongoTemplate mongo;

    MontageDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<MontageMembership> find(String montageId) {
        return Optional.ofNullable(mongo.findById(montageId, MontageMembership.class, MongoCollections.MONTAGES));
    }

    /** The montage if this person may record into it; refused (no such montage, not a contributor) otherwise. */
    public MontageMembership requireContributor(String montageId, String username) {
        MontageMembership montage = find(montageId).orElseThrow(() -> new NoSuchMontage(montageId));
        if (!montage.hasContributor(username)) {
            throw new NotAContributor();
        }
        return montage;
    }

    /**
     * The montage if this person owns it; one they do not belong to is indistinguishable from none, and a contributor
     * learns that only its owner may do this.
     */
    public MontageMembership requireOwner(String montageId, String username) {
        MontageMembership montage = requireContributor(montageId, username);
        if (!username.equals(montage.owner())) {
            throw new NotTheOwner();
        }
        return montage;
    }

    /**
     * The montage if this person may watch it live; one they may not see is indistinguishable from none. Watching live
     * is for contributors for now: ingest does not read a montage's visibility.
     */
    public MontageMembership requireViewer(String montageId, String username) {
        return find(montageId).filter(montage -> montage.hasContributor(username))
                .orElseThrow(() -> new NoSuchMontage(montageId));
    }

    /** The montages this person may record into, newest first. */
    public List<MontageMembership> contributingTo(String username) {
        return mongo.find(Query.query(Criteria.where(MontageMembership.CONTRIBUTORS).is(username))
                .with(Sort.by(Sort.Direction.DESC, MontageMembership.CREATED_AT)).limit(50), MontageMembership.class,
                MongoCollections.MONTAGES);
    }
}
