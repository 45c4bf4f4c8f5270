package dev.montazz.contract.render;

import java.time.Instant;

/**
 * How a render is getting on, on {@code montazz.render-progress}: best effort while rendering; the {@code renders}
 * collection stays the record of the outcome.
 *
 * @param status {@link RenderStatus#RENDERING}, {@link RenderStatus#READY} or {@link RenderStatus#FAILED} (and
 *        {@link RenderStatus#QUEUED}, said only by a portal to its own pages)
 * @param percent 0-100
 * @param etaSeconds estimated seconds until the film is ready; {@code null} when not yet known or finished
 * @param stage what is being done, in words a person can read
 * @param failure why a render failed; {@code null} otherwise
 */
public record RenderProgress(String montageId, RenderStatus status, int percent, Integer etaSeconds, String stage,
        String failure, Instant at) {
}
