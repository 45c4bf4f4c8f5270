package dev.montazz.live;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.montazz.security.streams.EventStreams;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A person's live view of a montage as server-sent events: {@code take} (a new take: who, its MIME type, its
 * initialisation segment), {@code media} (its next bytes), {@code ended} and {@code viewers}. SSE rather than a
 * WebSocket or a raw byte stream: it goes through the same proxies and sign-in as every page, the platform's streams
 * are already capped per person and heartbeaten, and named events carry the take changes a player must know about.
 * The caller decides first whether the person may watch; a montage they may not watch must be a 404 before this.
 */
public class LiveStreams {

    private final LiveFeed feed;
    private final EventStreams streams;

    public LiveStreams(LiveFeed feed, EventStreams streams) {
        this.feed = feed;
        this.streams = streams;
    }

    public SseEmitter open(String montageId, String person) {
        AtomicBoolean gone = new AtomicBoolean();
        AtomicReference<LiveFeed.Watching> watching = new AtomicReference<>();
        Runnable stop = () -> {
            LiveFeed.Watching viewer = watching.getAndSet(null);
            if (viewer != null) {
                viewer.close();
            }
        };
        SseEmitter emitter = streams.open(person, () -> {
            gone.set(true);
            stop.run();
        });
        watching.set(feed.watch(montageId, person, event -> streams.send(emitter,
                SseEmitter.event().name(event.name()).data(event.data(), MediaType.APPLICATION_JSON)), emitter::complete));
        if (gone.get()) {
            stop.run();   // the stream ended while the viewer was being set up
        }
        return emitter;
    }
}
