package dev.montazz.ingest.live;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.montazz.ingest.montage.MontageDirectory;
import dev.montazz.security.CurrentUser;
import dev.montazz.security.streams.EventStreams;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET …/montages/{id}/live}: the montage as it is being recorded, as server-sent events (see {@link LiveEvent}).
 * SSE rather than a WebSocket or a raw byte stream: it goes through the same proxies and sign-in as every page, the
 * platform's streams are already capped per person and heartbeaten, and named events carry the take changes a player
 * must know about (a new take brings a new initialisation segment). 404 for a montage the person may not watch.
 */
@RestController
class LiveController {

    private final MontageDirectory montages;
    private final LiveFeed feed;
    private final EventStreams streams;

    LiveController(MontageDirectory montages, LiveFeed feed, EventStreams streams) {
        this.montages = montages;
        this.feed = feed;
        this.streams = streams;
    }

    @GetMapping(path = {"/api/montages/{id}/live", "/studio/montages/{id}/live"},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable String id, CurrentUser user) {
        montages.requireViewer(id, user.username());
        AtomicBoolean gone = new AtomicBoolean();
        AtomicReference<LiveFeed.Watching> watching = new AtomicReference<>();
        Runnable stop = () -> {
            LiveFeed.Watching viewer = watching.getAndSet(null);
            if (viewer != null) {
                viewer.close();
            }
        };
        SseEmitter emitter = streams.open(user.username(), () -> {
            gone.set(true);
            stop.run();
        });
        watching.set(feed.watch(id, user.username(), event -> streams.send(emitter,
                SseEmitter.event().name(event.name()).data(event.data(), MediaType.APPLICATION_JSON))));
        if (gone.get()) {
            stop.run();   // the stream ended while the viewer was being set up
        }
        return emitter;
    }
}
