package dev.montazz.portal.montage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.floor.FloorView;
import dev.montazz.contract.montage.Framing;
import dev.montazz.contract.montage.Layout;
import dev.montazz.contract.montage.Transition;
import dev.montazz.contract.render.RenderView;
import dev.montazz.security.CurrentUser;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** Montages with their renders, for the pages and the API. */
@Component
public class MontageCatalog {

    private final MontageRepository montages;
    private final MongoTemplate mongo;
    private final Deletions deletions;

    MontageCatalog(MontageRepository montages, MongoTemplate mongo, Deletions deletions) {
        this.montages = montages;
        this.mongo = mongo;
        this.deletions = deletions;
    }

    /** How a list of montages can be ordered. */
    enum Order {
        NEWEST(Sort.by(Sort.Direction.DESC, "createdAt")), OLDEST(Sort.by(Sort.Direction.ASC, "createdAt")),
        TITLE(Sort.by(Sort.Direction.ASC, "title").and(Sort.by(Sort.Direction.DESC, "createdAt")));

        private final Sort sort;

        Order(Sort sort) {
            this.sort = sort;
        }
    }

    /**
     * The montages a person's list shows (those they contribute to, and public ones), optionally only those whose
     * title, owner or a contributor's name contains {@code search}, case-insensitively.
     */
    Page<MontageCard> page(CurrentUser user, String search, Order order, int page, int size) {
        Criteria listed = new Criteria().orOperator(Criteria.where("contributors").is(user.username()),
                Criteria.where("visibility").is(Montage.Visibility.PUBLIC));
        Criteria criteria = listed;
        if (search != null && !search.isBlank()) {
            // A quoted pattern: what people type is looked for as it is, never run as a regular expression.
            Pattern words = Pattern.compile(Pattern.quote(search.strip()), Pattern.CASE_INSENSITIVE);
            criteria = new Criteria().andOperator(listed, new Criteria().orOperator(Criteria.where("title").regex(words),
                    Criteria.where("ownerName").regex(words), Criteria.where("contributorNames").regex(words)));
        }
        if (page < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Pages are numbered from 0");
        }
        Pageable pageable = PageRequest.of(page, size, order.sort);
        Query query = Query.query(criteria);
        long total = mongo.count(query, Montage.class);
        if (pageable.getOffset() >= total && page > 0) {
            // Past the last page: nothing, rather than a huge skip that the driver's int would wrap round.
            return Page.empty(pageable);
        }
        List<Montage> found = mongo.find(Query.query(criteria).with(pageable), Montage.class);
        List<String> ids = found.stream().map(Montage::id).toList();
        Map<String, RenderView> renders = mongo.find(Query.query(Criteria.where("_id").in(ids)), RenderView.class, MongoCollections.RENDERS)
                .stream().collect(Collectors.toMap(RenderView::montageId, Function.identity()));
        return PageableExecutionUtils.getPage(found, pageable, () -> total)
                .map(m -> card(m, Optional.ofNullable(renders.get(m.id()))));
    }

    /** The montage if this person may see it; a montage they may not see is indistinguishable from none. */
    Optional<MontageCard> find(String id, CurrentUser user) {
        return montages.findById(id).filter(m -> m.visibleTo(user.username())).map(m -> card(m, render(id)));
    }

    /**
     * Who is on air in each of these montages right now, read from ingest-service's {@code floors} (which the portal
     * only reads): montage id to the display name of the person recording.
     */
    Map<String, String> onAir(java.util.Collection<String> ids) {
        Query query = Query.query(Criteria.where("_id").in(ids).and(FloorView.HOLDER).ne(null));
        Map<String, String> recording = new java.util.HashMap<>();
        for (FloorView floor : mongo.find(query, FloorView.class, MongoCollections.FLOORS)) {
            if (floor.holder() != null && floor.holder().displayName() != null) {
                recording.put(floor.id(), floor.holder().displayName());
            }
        }
        return recording;
    }

    /** Whether this person may see the montage. */
    public boolean visible(String id, CurrentUser user) {
        return montages.findById(id).filter(m -> m.visibleTo(user.username())).isPresent();
    }

    /** Whether this person records in the montage (so has a studio to go to). */
    public boolean contributes(String id, CurrentUser user) {
        return montages.findById(id).filter(m -> m.contributors().contains(user.username())).isPresent();
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
        return Optional.ofNullable(mongo.findById(montageId, RenderView.class, MongoCollections.RENDERS));
    }

    Montage create(String title, Integer maxShotSeconds, CurrentUser owner) {
        return montages.insert(new Montage(MontageIds.next(), title.strip(), owner.username(), owner.displayName(),
                List.of(owner.username()), List.of(owner.displayName()), Montage.Visibility.PRIVATE, MontageIds.next(),
                maxShotSeconds, java.time.Instant.now(), Layout.SEQUENCE, Transition.CUT, Framing.BARS));
    }

    /**
     * Deletes the owner's montage: announced first, so the other services remove what they keep of it, then removed
     * here. Returns whether there was such a montage of theirs.
     */
    boolean delete(String id, CurrentUser owner) {
        Optional<Montage> montage = owned(id, owner);
        montage.ifPresent(m -> {
            deletions.announce(m.id(), owner.username());
            montages.deleteById(m.id());
        });
        return montage.isPresent();
    }

    /** What an owner may change; null for what stays as it is. */
    record Change(String title, Montage.Visibility visibility, Layout layout, Transition transition,
            Framing framing) {

        /** Whether the film must be made again: its title card, layout, transitions or framing change. */
        boolean needsRender(Montage before) {
            return title != null && !title.strip().equals(before.title())
                    || layout != null && layout != before.layout()
                    || transition != null && transition != before.transition()
                    || framing != null && framing != before.framing();
        }
    }

    /**
     * The owner renames the montage, changes who may see it, its layout or transitions; returns the montage as it was, if it is
     * theirs. A new title (title card) or layout needs a new film, so the caller asks for a render then.
     */
    Optional<Montage> change(String id, CurrentUser owner, Change change) {
        return owned(id, owner).map(before -> {
            Update update = new Update();
            if (change.title() != null) {
                update.set("title", change.title().strip());
            }
            if (change.visibility() != null) {
                update.set("visibility", change.visibility());
            }
            if (change.layout() != null) {
                update.set("layout", change.layout());
            }
            if (change.transition() != null) {
                update.set("transition", change.transition());
            }
            if (change.framing() != null) {
                update.set("framing", change.framing());
            }
            if (!update.getUpdateObject().isEmpty()) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, Montage.class);
            }
            return before;
        });
    }

    /** The montage an invitation code opens, whoever asks: holding the code is the permission. */
    Optional<Montage> invitedTo(String code) {
        return montages.findByInviteCode(code);
    }

    /** Adds the person to the contributors of the montage the code opens; returns that montage's id. */
    Optional<String> accept(String code, CurrentUser user) {
        return invitedTo(code).map(montage -> {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(montage.id())),
                    new Update().addToSet("contributors", user.username())
                            .addToSet("contributorNames", user.displayName()), Montage.class);
            return montage.id();
        });
    }

    static MontageCard card(Montage montage, Optional<RenderView> render) {
        return new MontageCard(montage.id(), montage.title(), montage.owner(), montage.ownerName(),
                montage.visibility(), montage.layout(), montage.transition(), montage.framing(), montage.inviteCode(),
                montage.maxShotSeconds(),
                montage.createdAt(), render);
    }
}
