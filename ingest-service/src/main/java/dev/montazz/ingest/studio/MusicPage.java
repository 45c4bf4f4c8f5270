package dev.montazz.ingest.studio;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.music.MusicView;
import dev.montazz.ingest.IngestProperties;
import dev.montazz.ingest.montage.MontageDirectory;
import dev.montazz.ingest.usage.StorageQuota;
import dev.montazz.ingest.usage.StorageView;
import dev.montazz.security.CurrentUser;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The owner's page for the montage's music bed: what plays now (merge-service's {@code music}, read only), and a file
 * picker that sends the file in parts with a progress bar, resuming where it stopped. Level and removal are edits of
 * the film, on the portal's watch page.
 */
@Controller
class MusicPage {

    private final MontageDirectory montages;
    private final MongoTemplate mongo;
    private final StudioProperties studio;
    private final StorageQuota quota;
    private final IngestProperties properties;

    MusicPage(MontageDirectory montages, MongoTemplate mongo, StudioProperties studio, StorageQuota quota,
            IngestProperties properties) {
        this.montages = montages;
        this.mongo = mongo;
        this.studio = studio;
        this.quota = quota;
        this.properties = properties;
    }

    @GetMapping("/montages/{id}/music")
    String music(@PathVariable String id, CurrentUser user, Model model) {
        model.addAttribute("montage", montages.requireOwner(id, user.username()));
        model.addAttribute("music", mongo.findById(id, MusicView.class, MongoCollections.MUSIC));
        model.addAttribute("me", user);
        model.addAttribute("storage", StorageView.of(quota.of(user)));
        model.addAttribute("maxMegabytes", properties.maxMusicSize().toMegabytes());
        model.addAttribute("portalUrl", studio.portalUrl() + "/montages/" + id);
        return "music";
    }
}
