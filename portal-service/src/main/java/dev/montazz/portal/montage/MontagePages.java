package dev.montazz.portal.montage;

import dev.montazz.contract.montage.Layout;
import dev.montazz.contract.montage.Transition;
import dev.montazz.portal.PortalProperties;
import dev.montazz.portal.edit.FilmEditor;
import dev.montazz.portal.mail.MailBacklog;
import dev.montazz.portal.mail.MailUnavailable;
import dev.montazz.portal.mail.Outbox;
import dev.montazz.portal.render.LiveProgress;
import dev.montazz.portal.render.RenderRequests;
import dev.montazz.security.CurrentUser;
import dev.montazz.security.input.EmailAddress;
import dev.montazz.security.input.ShownText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The pages people browse: their montages, a form to start a new one, and the watch page. */
@Controller
class MontagePages {

    private final MontageCatalog catalog;
    private final PortalProperties properties;
    private final LiveProgress live;
    private final RenderRequests renders;
    private final Invitations invitations;
    private final Outbox outbox;
    private final FilmEditor editor;

    MontagePages(MontageCatalog catalog, PortalProperties properties, LiveProgress live, RenderRequests renders,
            Invitations invitations, Outbox outbox, FilmEditor editor) {
        this.catalog = catalog;
        this.properties = properties;
        this.live = live;
        this.renders = renders;
        this.invitations = invitations;
        this.outbox = outbox;
        this.editor = editor;
    }

    /** Whether the owner can invite by e-mail here (an SMTP server is set up), for the watch page's form. */
    @ModelAttribute("mailAvailable")
    boolean mailAvailable() {
        return outbox.available();
    }

    record NewMontage(@NotBlank(message = "Give your montage a title") @Size(max = 120,
            message = "A title is at most 120 characters") @ShownText String title,
            @jakarta.validation.constraints.Min(value = 5, message = "A shot lasts 5 seconds at least")
            @jakarta.validation.constraints.Max(value = 600, message = "A shot lasts 10 minutes at most")
            Integer maxShotSeconds) {
    }

    /** When the page was generated: its live progress stream only needs news from after this. */
    @ModelAttribute("generatedAt")
    long generatedAt() {
        return java.time.Instant.now().toEpochMilli();
    }

    @ModelAttribute("me")
    CurrentUser me(CurrentUser user) {
        return user;
    }

    @GetMapping("/")
    String list(@RequestParam(defaultValue = "0") int page, @RequestParam(name = "q", required = false) String search,
            @RequestParam(defaultValue = "NEWEST") MontageCatalog.Order sort, CurrentUser user, Model model) {
        org.springframework.data.domain.Page<MontageCard> montages = catalog.page(user, search, sort, page, 12);
        model.addAttribute("montages", montages);
        model.addAttribute("onAir", catalog.onAir(montages.map(MontageCard::id).getContent()));
        model.addAttribute("q", search == null ? "" : search.strip());
        model.addAttribute("sort", sort);
        if (!model.containsAttribute("newMontage")) {
            model.addAttribute("newMontage", new NewMontage("", 60));
        }
        return "montages";
    }

    @PostMapping("/montages")
    String create(@Valid @ModelAttribute("newMontage") NewMontage form, BindingResult errors, CurrentUser user,
            Model model) {
        if (errors.hasErrors()) {
            return list(0, null, MontageCatalog.Order.NEWEST, user, model);
        }
        return "redirect:/montages/" + catalog.create(form.title(), form.maxShotSeconds(), user).id();
    }

    @GetMapping("/montages/{id}")
    String watch(@PathVariable String id, CurrentUser user, Model model) {
        MontageCard montage = catalog.find(id, user)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no montage " + id));
        model.addAttribute("montage", montage);
        model.addAttribute("progress", live.running(id).orElse(null));
        model.addAttribute("onAir", catalog.onAir(java.util.List.of(id)).get(id));
        model.addAttribute("studioUrl", properties.studioUrl() + "/montages/" + id + "/studio");
        model.addAttribute("musicUrl", properties.studioUrl() + "/montages/" + id + "/music");
        model.addAttribute("shotFileUrl", properties.studioUrl() + "/montages/" + id + "/file");
        model.addAttribute("contributor", catalog.contributes(id, user));
        model.addAttribute("cut", editor.cutFor(id, user).orElse(null));
        model.addAttribute("inviteUrl", ServletUriComponentsBuilder.fromCurrentContextPath().path("/join/{code}")
                .buildAndExpand(montage.inviteCode()).toUriString());
        return "watch";
    }

    record Settings(@NotBlank(message = "Give your montage a title") @Size(max = 120,
            message = "A title is at most 120 characters") @ShownText String title, Montage.Visibility visibility,
            Layout layout, Transition transition, dev.montazz.contract.montage.Framing framing) {
    }

    @PostMapping("/montages/{id}/settings")
    String change(@PathVariable String id, @Valid @ModelAttribute("settings") Settings form, BindingResult errors,
            CurrentUser user, org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            redirect.addFlashAttribute("settingsError", errors.getAllErrors().get(0).getDefaultMessage());
            return "redirect:/montages/" + id;
        }
        MontageCatalog.Change change = new MontageCatalog.Change(form.title(), form.visibility(), form.layout(),
                form.transition(), form.framing());
        Montage before = catalog.change(id, user, change).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no montage " + id + " of yours"));
        if (change.needsRender(before)) {
            renders.request(id, "settings changed");
            redirect.addFlashAttribute("notice", "Saved. The film is being made again to match.");
        } else {
            redirect.addFlashAttribute("notice", "Saved.");
        }
        return "redirect:/montages/" + id;
    }

    @PostMapping("/montages/{id}/invitations")
    String invite(@PathVariable String id, @RequestParam(defaultValue = "") String email, CurrentUser user,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        if (email.length() > 254 || !email.strip().matches(EmailAddress.PATTERN)) {
            redirect.addFlashAttribute("inviteError", EmailAddress.MESSAGE);
            return "redirect:/montages/" + id;
        }
        try {
            invitations.invite(id, email, user);
            redirect.addFlashAttribute("notice", "Invitation sent to " + email.strip() + ".");
        } catch (MailUnavailable | MailBacklog refused) {
            redirect.addFlashAttribute("inviteError", refused.getMessage());
        }
        return "redirect:/montages/" + id;
    }

    @PostMapping("/montages/{id}/delete")
    String delete(@PathVariable String id, CurrentUser user,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        if (!catalog.delete(id, user)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no montage " + id + " of yours");
        }
        redirect.addFlashAttribute("notice", "The montage and everything recorded for it were deleted.");
        return "redirect:/";
    }

    @GetMapping("/join/{code}")
    String invitation(@PathVariable String code, Model model) {
        model.addAttribute("montage", catalog.invitedTo(code).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "This invitation does not exist (any more)")));
        return "join";
    }

    @PostMapping("/join/{code}")
    String join(@PathVariable String code, CurrentUser user) {
        return "redirect:/montages/" + catalog.accept(code, user).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "This invitation does not exist (any more)"));
    }
}
