package dev.montazz.portal.montage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.montazz.security.CurrentUser;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Montages with their renders, for the pages and the API. */
@Component
public class MontageCatalog {

    private final MontageRepository montages;
    private final MongoTemplate mongo;

    MontageCatalog(MontageRepository montages, MongoTemplate mongo) {
        this.montages = montages;
        this.mongo = mongo;
    }

    Page<MontageCard> page(CurrentUser user, Pageable pageable) {
        Page<Montage> page = montages.findByContributorsContainsOrVisibilityOrderByCreatedAtDesc(user.username(),
                Montage.Visibility.PUBLIC, pageable);
        List<String> ids = page.map(Montage::id).getContent();
        Map<String, RenderView> renders = mongo.find(Query.query(Criteria.where("_id").in(ids)), RenderView.class)
                .stream().collect(Collectors.toMap(RenderView::montageId, Function.identity()));
        return page.map(m -> card(m, Optional.ofNullable(renders.get(m.id()))));
    }

    /** The montage if this person may see it; a montage they may not see is indistinguishable from none. */
    Optional<MontageCard> find(String id, CurrentUser user) {
        return montages.findById(id).filter(m -> m.visibleTo(user.username())).map(m -> card(m, render(id)));
    }

    /** Whether this person may see the montage. */
    public boolean visible(String id, CurrentUser user) {
        return montages.findById(id).filter(m -> m.visibleTo(user.username())).isPresent();
    }

    /** The montage if this person owns it. */
    public Optional<Montage> owned(String id, CurrentUser user) {
        return montages.findById(id).filter(m -> m.owner().equals(user.username()));
    }

    /** The latest render of a montage this person may see. */
    public Optional<RenderView> render(String montageId, CurrentUser user) {
        return find(montageId, user).flatMap(MontageCard::render);
    }

    private Optional<RenderView> render(String montageId) {
        return Optional.ofNullable(mongo.findById(montageId, RenderView.class));
    }

    Montage create(String title, Integer maxShotSeconds, CurrentUser owner) {
        return montages.insert(new Montage(MontageIds.next(), title.strip(), owner.username(), owner.displayName(),
                List.of(owner.username()), Montage.Visibility.PRIVATE, MontageIds.next(), maxShotSeconds,
                java.time.Instant.now()));
    }

    /** The montage an invitation code opens, whoever asks: holding the code is the permission. */
    Optional<Montage> invitedTo(String code) {
        return montages.findByInviteCode(code);
    }

    /** Adds the person to the contributors of the montage the code opens; returns that montage's id. */
    Optional<String> accept(String code, CurrentUser user) {
        return invitedTo(code).map(montage -> {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(montage.id())),
                    new org.springframework.data.mongodb.core.query.Update().addToSet("contributors", user.username()),
                    Montage.class);
            return montage.id();
        });
    }

    static MontageCard card(Montage montage, Optional<RenderView> render) {
        return new MontageCard(montage.id(), montage.title(), montage.owner(), montage.ownerName(),
                montage.visibility(), montage.inviteCode(), montage.maxShotSeconds(), montage.createdAt(), render);
    }
}
