package dev.montazz.ingest.floor;

import java.util.List;

/**
 * Published in this instance when a floor holds takes that lost the floor before their last chunk: each needs an end
 * marker, then {@link FloorService#takeEnded}. Published again by every sweep while any is left, so a marker that
 * could not be sent is retried.
 */
public record TakesCutOff(String montageId, List<Floor.OpenTake> takes) {
}
