package dev.montazz.contract.usage;

import java.util.Map;

/**
 * How many bytes of media a person has stored, read by ingest-service (quotas) from merge-service's {@code usage}
 * collection ({@code _id} is the account name, so even the embedded MongoDB-wire server answers at once).
 *
 * @param bytes in all; a crash between storing and counting can leave it a little low, never high
 * @param montages bytes per montage id
 */
public record UsageView(String id, long bytes, Map<String, Long> montages) {

    /** Never negative, whatever a concurrent purge left for a moment. */
    @Override
    public long bytes() {
        return Math.max(0, bytes);
    }

    @Override
    public Map<String, Long> montages() {
        return montages == null ? Map.of() : montages;
    }
}
