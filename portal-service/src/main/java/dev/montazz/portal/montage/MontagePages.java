package dev.montazz.portal.montage;

import dev.montazz.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The pages people browse: their montages, a form to start a new one, and the watch page. */
@Controller
class MontagePages {

    private final MontageCatalog catalog;

    MontagePages(MontageCatalog catalog) {
        this.catalog = catalog;
    }

    record NewMontage(@NotBlank(message = "Give your montage a title") @Size(max = 120,
            message = "A title is at most 120 characters") String title) {
    }

    @ModelAttribute("me")
    CurrentUser me(CurrentUser user) {
        return user;
    }

    @GetMapping("/")
    String list(@RequestParam(defaultValue = "0") int page, CurrentUser user, Model model) {
        model.addAttribute("montages", catalog.page(user, PageRequest.of(Math.max(0, page), 12)));
        if (!model.containsAttribute("newMontage")) {
            model.addAttribute("newMontage", new NewMontage(""));
        }
        return "montages";
    }

    @PostMapping("/montages")
    String create(@Valid @ModelAttribute("newMontage") NewMontage form, BindingResult errors, CurrentUser user,
            Model model) {
        if (errors.hasErrors()) {
            return list(0, user, model);
        }
        return "redirect:/montages/" + catalog.create(form.title(), user).id();
    }

    @GetMapping("/montages/{id}")
    String watch(@PathVariable String id, CurrentUser user, Model model) {
        model.addAttribute("montage", catalog.find(id, user)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no montage " + id)));
        return "watch";
    }
}
