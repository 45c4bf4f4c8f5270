package dev.montazz.ingest.studio;

import dev.montazz.contract.montage.MontageMembership;
import dev.montazz.ingest.IngestProperties;
import dev.montazz.ingest.floor.FloorService;
import dev.montazz.ingest.montage.MontageDirectory;
import dev.montazz.ingest.usage.StorageQuota;
import dev.montazz.ingest.usage.StorageView;
import dev.montazz.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A contributor's page for adding a shot from a video file when recording live is not possible (no camera, a clip
 * from the camera roll): a file picker that sends the file in parts with a progress bar, resuming where it stopped,
 * and the limits told before anything is sent.
 */
@Controller
class ShotFilePage {

    private final MontageDirectory montages;
    private final FloorService floor;
    private final StudioProperties studio;
    private final StorageQuota quota;
    private final IngestProperties properties;

    ShotFilePage(MontageDirectory montages, FloorService floor, StudioProperties studio, StorageQuota quota,
            IngestProperties properties) {
        this.montages = montages;
        this.floor = floor;
        this.studio = studio;
        this.quota = quota;
        this.properties = properties;
    }

    @GetMapping("/montages/{id}/file")
    String shotFile(@PathVariable String id, CurrentUser user, Model model) {
        MontageMembership montage = montages.requireContributor(id, user.username());
        long longest = floor.maxShot(montage).toSeconds();
        model.addAttribute("montage", montage);
        model.addAttribute("me", user);
        model.addAttribute("storage", StorageView.of(quota.of(user)));
        model.addAttribute("maxMegabytes", properties.maxShotFileSize().toMegabytes());
        model.addAttribute("longest", longest / 60 + ":" + String.format("%02d", longest % 60));
        model.addAttribute("portalUrl", studio.portalUrl() + "/montages/" + id);
        return "shot-file";
    }
}
