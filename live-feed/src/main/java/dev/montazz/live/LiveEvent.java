package dev.montazz.live;

/**
 * What a viewer's stream carries, as server-sent events with JSON data (media bytes in base64, a third more than raw,
 * which 1 Mbit/s shots easily afford).
 *
 * @param name the event's name: {@code take} (a new take begins: who, its MIME type and its initialisation segment),
 *        {@code media} (the next bytes of that take, in order), {@code ended} (the take is over) or {@code viewers}
 * @param bytes the size this event holds in a viewer's queue
 */
record LiveEvent(String name, Object data, int bytes) {

    /** @param midway whether the viewer joins after the take began (the media that follows starts at a keyframe) */
    record Take(String takeId, String contributor, String mimeType, String init, boolean midway) {
    }

    /** @param capturedAt when the browser had the chunk these bytes came in (epoch milliseconds), for measuring delay */
    record Media(String takeId, String data, long capturedAt) {
    }

    record Ended(String takeId) {
    }

    record Viewers(int count) {
    }
}
