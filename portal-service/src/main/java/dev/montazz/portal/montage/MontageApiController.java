package dev.montazz.portal.montage;

import java.net.URI;

import dev.montazz.contract.montage.Layout;
import dev.montazz.contract.montage.Transition;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.contract.render.RenderView;
import dev.montazz.portal.render.RenderRequests;
import dev.montazz.security.CurrentUser;
import dev.montazz.security.input.EmailAddress;
import dev.montazz.security.input.ShownText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** JSON API for montages: create one, list them, read one with its render state. */
@RestController
class MontageApiController {

    private final MontageCatalog catalog;
    private final RenderRequests renders;
    private final Invitations invitations;

    MontageApiController(MontageCatalog catalog, RenderRequests renders, Invitations invitations) {
        this.catalog = catalog;
        this.renders = renders;
        this.invitations = invitations;
    }

    record InvitationRequest(@NotBlank(message = "Give the address to invite") @Size(max = 254)
            @jakarta.validation.constraints.Pattern(regexp = EmailAddress.PATTERN, message = EmailAddress.MESSAGE)
            String email) {
    }

    /** The owner invites someone by e-mail: 202 once the message is queued (it is sent, and retried, by the outbox). */
    @PostMapping("/api/montages/{id}/invitations")
    ResponseEntity<java.util.Map<String, String>> invite(@PathVariable String id,
            @Valid @RequestBody InvitationRequest request, CurrentUser user) {
        invitations.invite(id, request.email(), user);
        return ResponseEntity.accepted().body(java.util.Map.of("invited", request.email().strip()));
    }

    record CreateMontage(@NotBlank(message = "A montage needs a title") @Size(max = 120,
            message = "A title is at most 120 characters") @ShownText String title,
            @jakarta.validation.constraints.Min(value = 5, message = "A shot may last 5 seconds at least")
            @jakarta.validation.constraints.Max(value = 600, message = "A shot may last 10 minutes at most")
            Integer maxShotSeconds) {
    }

    record MontageJson(String id, String title, String ownerName, Montage.Visibility visibility,
            Layout layout, Transition transition, dev.montazz.contract.montage.Framing framing,
            java.time.Instant createdAt, RenderStatus status, RenderView render) {
        static MontageJson of(MontageCard card) {
            return new MontageJson(card.id(), card.title(), card.ownerName(), card.visibility(), card.layout(),
                    card.transition(), card.framing(), card.createdAt(), card.status(), card.render().orElse(null));
        }
    }

    @PostMapping("/api/montages")
    ResponseEntity<MontageJson> create(@Valid @RequestBody CreateMontage request, CurrentUser user) {
        Montage montage = catalog.create(request.title(), request.maxShotSeconds(), user);
        return ResponseEntity.created(URI.create("/api/montages/" + montage.id()))
                .body(MontageJson.of(MontageCatalog.card(montage, java.util.Optional.empty())));
    }

    /** The person's montages and public ones, newest first unless asked otherwise, 24 a page. */
    @GetMapping("/api/montages")
    java.util.List<MontageJson> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(name = "q", required = false) String search,
            @RequestParam(defaultValue = "NEWEST") MontageCatalog.Order sort, CurrentUser user) {
        return catalog.page(user, search, sort, page, 24).map(MontageJson::of).getContent();
    }

    record ChangeMontage(@Size(min = 1, max = 120, message = "A title is 1 to 120 characters") @ShownText String title,
            Montage.Visibility visibility, Layout layout, Transition transition,
            dev.montazz.contract.montage.Framing framing) {
    }

    /** The owner renames the montage or changes its visibility, layout or transitions; the film follows. */
    @org.springframework.web.bind.annotation.PatchMapping("/api/montages/{id}")
    MontageJson change(@PathVariable String id, @Valid @RequestBody ChangeMontage request, CurrentUser user) {
        if (request.title() != null && request.title().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A montage needs a title");
        }
        MontageCatalog.Change change = new MontageCatalog.Change(request.title(), request.visibility(),
                request.layout(), request.transition(), request.framing());
        Montage before = catalog.change(id, user, change).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "There is no montage " + id + " of yours"));
        if (change.needsRender(before)) {
            renders.request(id, "settings changed");
        }
        return one(id, user);
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/api/montages/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, CurrentUser user) {
        if (!catalog.delete(id, user)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no montage " + id + " of yours");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/montages/{id}")
    MontageJson one(@PathVariable String id, CurrentUser user) {
        return catalog.find(id, user).map(MontageJson::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no montage " + id));
    }
}
