package dev.montazz.ingest.live;

import dev.montazz.ingest.montage.MontageDirectory;
import dev.montazz.live.LiveStreams;
import dev.montazz.security.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET …/montages/{id}/live}: the montage as it is being recorded, for the studio (see {@link LiveStreams}).
 * Contributors only: ingest knows who records in a montage, not who else may watch it (the portal's watch page serves
 * them). 404 for a montage the person may not watch.
 */
@RestController
class LiveController {

    private final MontageDirectory montages;
    private final LiveStreams live;

    LiveController(MontageDirectory montages, LiveStreams live) {
        this.montages = montages;
        this.live = live;
    }

    @GetMapping(path = {"/api/montages/{id}/live", "/studio/montages/{id}/live"},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable String id, CurrentUser user) {
        montages.requireViewer(id, user.username());
        return live.open(id, user.username());
    }
}
