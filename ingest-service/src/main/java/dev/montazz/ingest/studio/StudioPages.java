package dev.montazz.ingest.studio;

import dev.montazz.ingest.montage.MontageDirectory;
import dev.montazz.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The studio's entry: the montages this person may record into. */
@Controller
class StudioPages {

    private final MontageDirectory montages;

    StudioPages(MontageDirectory montages) {
        this.montages = montages;
    }

    @GetMapping("/")
    String index(CurrentUser user, Model model) {
        model.addAttribute("me", user);
        model.addAttribute("montages", montages.contributingTo(user.username()));
        return "studio";
    }
}
