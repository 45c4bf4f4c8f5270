package dev.montazz.merge.render;

import java.time.Instant;

/**
 * How a render is getting on, published on the render-progress topic (docs/kafka-contract.md). Best effort while
 * rendering; the {@code renders} collection stays the record of the outcome.
 *
 * @param status RENDERING, READY or FAILED
 * @param percent 0-100
 * @param etaSeconds estimated seconds until the film is ready; null when not yet known or finished
 * @param stage what is being done, in words a person can read
 * @param failure why a render failed; null otherwise
 */
record RenderProgress(String montageId, String status, int percent, Integer etaSeconds, String stage, String failure,
        Instant at) {
}
