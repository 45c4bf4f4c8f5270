package dev.montazz.portal.montage;

import dev.montazz.live.LiveStreams;
import dev.montazz.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET …/montages/{id}/live}: the shot on air, live, for the watch page (see {@link LiveStreams}). The portal
 * owns montages, so it knows who may watch: contributors, and anyone signed in for unlisted and public ones. Served by
 * the portal's own feed (each instance reads the chunk stream once), not relayed from ingest: a viewer who never opened
 * the studio has no session there. 404 for a montage the person may not watch.
 */
@RestController
class LiveController {

    private final MontageCatalog catalog;
    private final LiveStreams live;

    LiveController(MontageCatalog catalog, LiveStreams live) {
        this.catalog = catalog;
        this.live = live;
    }

    @GetMapping(path = {"/montages/{id}/live", "/api/montages/{id}/live"}, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable String id, CurrentUser user) {
        if (!catalog.visible(id, user)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no montage " + id);
        }
        return live.open(id, user.username());
    }
}
