package dev.montazz.portal.montage;

import java.util.List;

import dev.montazz.portal.render.LiveProgress;
import dev.montazz.portal.render.RenderRequests;
import dev.montazz.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Live render progress for open pages, and the owner's "render again". */
@Controller
class ProgressController {

    /** One page shows at most this many montages; more ids in one stream is not a page asking. */
    private static final int MAX_WATCHED = 48;

    private final MontageCatalog catalog;
    private final LiveProgress live;
    private final RenderRequests renders;

    ProgressController(MontageCatalog catalog, LiveProgress live, RenderRequests renders) {
        this.catalog = catalog;
        this.live = live;
        this.renders = renders;
    }

    /**
     * Server-sent events named {@code progress}, one per change, for the montages of a page this person may see;
     * {@code since} is when the page was generated (epoch milliseconds): what it already shows is not sent again.
     */
    @GetMapping(path = "/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter progress(@RequestParam("montage") List<String> ids, @RequestParam(defaultValue = "0") long since,
            CurrentUser user) {
        if (ids.size() > MAX_WATCHED) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "At most " + MAX_WATCHED + " montages can be watched at once");
        }
        List<String> visible = ids.stream().distinct().filter(id -> catalog.visible(id, user)).toList();
        if (visible.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such montage");
        }
        return live.watch(visible, java.time.Instant.ofEpochMilli(since), user.username());
    }

    @PostMapping("/montages/{id}/render")
    String renderAgain(@PathVariable String id, CurrentUser user, RedirectAttributes redirect) {
        catalog.owned(id, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no montage " + id + " of yours"));
        renders.request(id, "asked for by its owner");
        redirect.addFlashAttribute("notice", "Rendering again. The new film replaces the old one when it is ready.");
        return "redirect:/montages/" + id;
    }
}
