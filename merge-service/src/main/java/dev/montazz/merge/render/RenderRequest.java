package dev.montazz.merge.render;

import java.time.Instant;

/** A request to (re-)render a montage from its finished takes (docs/kafka-contract.md). */
record RenderRequest(String montageId, String reason, Instant requestedAt) {
}
