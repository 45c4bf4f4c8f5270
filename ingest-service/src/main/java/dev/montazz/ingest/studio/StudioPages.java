package dev.montazz.ingest.studio;

import dev.montazz.ingest.floor.FloorService;
import dev.montazz.ingest.montage.MontageDirectory;
import dev.montazz.ingest.usage.StorageQuota;
import dev.montazz.ingest.usage.StorageView;
import dev.montazz.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/** The studio: where contributors pick their camera, queue for the floor and record their shot. */
@Controller
class StudioPages {

    private final MontageDirectory montages;
    private final FloorService floors;
    private final StudioProperties properties;
    private final StorageQuota quota;
    private final dev.montazz.ingest.montage.RetakeRequests retakes;

    StudioPages(MontageDirectory montages, FloorService floors, StudioProperties properties, StorageQuota quota,
            dev.montazz.ingest.montage.RetakeRequests retakes) {
        this.montages = montages;
        this.floors = floors;
        this.properties = properties;
        this.quota = quota;
        this.retakes = retakes;
    }

    /** Shown on every studio page: people see how much room they have before they record. */
    @ModelAttribute("storage")
    StorageView storage(CurrentUser user) {
        return StorageView.of(quota.of(user));
    }

    @GetMapping("/")
    String index(CurrentUser user, Model model) {
        model.addAttribute("me", user);
        model.addAttribute("montages", montages.contributingTo(user.username()));
        return "studio";
    }

    @GetMapping("/montages/{id}/studio")
    String studio(@PathVariable String id, CurrentUser user, Model model) {
        model.addAttribute("montage", montages.requireContributor(id, user.username()));
        model.addAttribute("floor", floors.view(id, user));
        model.addAttribute("retakesAsked", retakes.openFor(id, user.username()));
        model.addAttribute("me", user);
        model.addAttribute("portalUrl", properties.portalUrl() + "/montages/" + id);
        return "record";
    }
}
