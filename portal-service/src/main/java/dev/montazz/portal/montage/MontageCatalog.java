package dev.montazz.portal.montage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    Page<MontageCard> page(Pageable pageable) {
        Page<Montage> page = montages.findAllByOrderByCreatedAtDesc(pageable);
        List<String> ids = page.map(Montage::id).getContent();
        Map<String, RenderView> renders = mongo.find(Query.query(Criteria.where("_id").in(ids)), RenderView.class)
                .stream().collect(Collectors.toMap(RenderView::montageId, Function.identity()));
        return page.map(m -> card(m, Optional.ofNullable(renders.get(m.id()))));
    }

    Optional<MontageCard> find(String id) {
        return montages.findById(id).map(m -> card(m, render(id)));
    }

    public Optional<RenderView> render(String montageId) {
        return Optional.ofNullable(mongo.findById(montageId, RenderView.class));
    }

    Montage create(String title) {
        return montages.insert(new Montage(MontageIds.next(), title.strip(), java.time.Instant.now()));
    }

    private static MontageCard card(Montage montage, Optional<RenderView> render) {
        return new MontageCard(montage.id(), montage.title(), montage.createdAt(), render);
    }
}
