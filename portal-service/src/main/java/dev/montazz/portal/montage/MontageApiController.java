package dev.montazz.portal.montage;

import java.net.URI;

import dev.montazz.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.PageRequest;
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

    MontageApiController(MontageCatalog catalog) {
        this.catalog = catalog;
    }

    record CreateMontage(@NotBlank(message = "A montage needs a title") @Size(max = 120,
            message = "A title is at most 120 characters") String title,
            @jakarta.validation.constraints.Min(value = 5, message = "A shot may last 5 seconds at least")
            @jakarta.validation.constraints.Max(value = 600, message = "A shot may last 10 minutes at most")
            Integer maxShotSeconds) {
    }

    record MontageJson(String id, String title, String ownerName, Montage.Visibility visibility,
            java.time.Instant createdAt, String status, RenderView render) {
        static MontageJson of(MontageCard card) {
            return new MontageJson(card.id(), card.title(), card.ownerName(), card.visibility(), card.createdAt(),
                    card.status(), card.render().orElse(null));
        }
    }

    @PostMapping("/api/montages")
    ResponseEntity<MontageJson> create(@Valid @RequestBody CreateMontage request, CurrentUser user) {
        Montage montage = catalog.create(request.title(), request.maxShotSeconds(), user);
        return ResponseEntity.created(URI.create("/api/montages/" + montage.id()))
                .body(MontageJson.of(MontageCatalog.card(montage, java.util.Optional.empty())));
    }

    @GetMapping("/api/montages")
    java.util.List<MontageJson> list(@RequestParam(defaultValue = "0") int page, CurrentUser user) {
        return catalog.page(user, PageRequest.of(Math.max(0, page), 24)).map(MontageJson::of).getContent();
    }

    @GetMapping("/api/montages/{id}")
    MontageJson one(@PathVariable String id, CurrentUser user) {
        return catalog.find(id, user).map(MontageJson::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no montage " + id));
    }
}
