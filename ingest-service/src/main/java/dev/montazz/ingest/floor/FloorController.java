package dev.montazz.ingest.floor;

import dev.montazz.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The floor for scripts ({@code /api}, bearer token) and for the studio page ({@code /studio}, session and CSRF).
 */
@RestController
class FloorController {

    private final FloorService floors;
    private final FloorEvents events;

    FloorController(FloorService floors, FloorEvents events) {
        this.floors = floors;
        this.events = events;
    }

    @GetMapping({"/api/montages/{id}/floor", "/studio/montages/{id}/floor"})
    FloorView view(@PathVariable String id, CurrentUser user) {
        return floors.view(id, user);
    }

    @PostMapping({"/api/montages/{id}/floor/join", "/studio/montages/{id}/floor/join"})
    FloorView join(@PathVariable String id, CurrentUser user) {
        return floors.join(id, user);
    }

    @PostMapping({"/api/montages/{id}/floor/leave", "/studio/montages/{id}/floor/leave"})
    FloorView leave(@PathVariable String id, CurrentUser user) {
        return floors.leave(id, user);
    }

    @PostMapping({"/api/montages/{id}/floor/finish", "/studio/montages/{id}/floor/finish"})
    FloorView finish(@PathVariable String id, @RequestParam long fence, CurrentUser user) {
        return floors.finish(id, user, fence);
    }

    @GetMapping({"/api/montages/{id}/floor/events", "/studio/montages/{id}/floor/events"})
    SseEmitter events(@PathVariable String id, CurrentUser user) {
        return events.watch(id, user);
    }
}
