package dev.montazz.ingest.chunk;

import dev.montazz.ingest.Refusal;

/** A take's first chunk is not the start of a video a montage can use; the reason says what a person can do. */
public class NotAVideo extends Refusal {

    NotAVideo(String reason) {
        super(reason);
    }
}
