package dev.montazz.portal.montage;

import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The pages people browse: the list of montages and the watch page. */
@Controller
class MontagePages {

    private final MontageCatalog catalog;

    MontagePages(MontageCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("montages", catalog.page(PageRequest.of(Math.max(0, page), 12)));
        return "montages";
    }

    @GetMapping("/montages/{id}")
    String watch(@PathVariable String id, Model model) {
        model.addAttribute("montage", catalog.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no montage " + id)));
        return "watch";
    }
}
