package dev.montazz.portal.render;

import java.time.Instant;

/**
 * The portal's reading of merge-service's render-progress events (docs/kafka-contract.md); also what browsers get.
 *
 * @param status QUEUED (only ever said by the portal that asked), RENDERING, READY or FAILED
 */
public record RenderProgress(String montageId, String status, int percent, Integer etaSeconds, String stage,
        String failure, Instant at) {

    boolean finished() {
        return "READY".equals(status) || "FAILED".equals(status);
    }
}
