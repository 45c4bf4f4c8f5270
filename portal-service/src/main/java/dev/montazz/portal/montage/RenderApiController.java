package dev.montazz.portal.montage;

import java.util.Map;

import dev.montazz.portal.render.RenderRequests;
import dev.montazz.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The owner's "render again" for API clients: 202, the render happens in merge-service. */
@RestController
class RenderApiController {

    private final MontageCatalog catalog;
    private final RenderRequests renders;

    RenderApiController(MontageCatalog catalog, RenderRequests renders) {
        this.catalog = catalog;
        this.renders = renders;
    }

    @PostMapping("/api/montages/{id}/render")
    ResponseEntity<Map<String, String>> renderAgain(@PathVariable String id, CurrentUser user) {
        catalog.owned(id, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no montage " + id + " of yours"));
        renders.request(id, "asked for by its owner over the API");
        return ResponseEntity.accepted().body(Map.of("montageId", id, "status", "QUEUED"));
    }
}
