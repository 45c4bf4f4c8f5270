package dev.montazz.ingest.usage;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.usage.UsageView;
import dev.montazz.ingest.IngestProperties;
import dev.montazz.security.CurrentUser;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Holds each person to their quota of stored media. The bytes come from merge-service's {@code usage} collection (merge
 * counts each chunk as it stores it and subtracts a deleted montage's), read by {@code _id}; ingest never writes it.
 * Administrators have no quota.
 */
@Component
public class StorageQuota {

    private final MongoTemplate mongo;
    private final IngestProperties properties;

    StorageQuota(MongoTemplate mongo, IngestProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    /** What this person has stored and may store; {@code limitBytes} is null for administrators. */
    public record Use(long usedBytes, Long limitBytes) {

        public boolean allows(long moreBytes) {
            return limitBytes == null || usedBytes + moreBytes <= limitBytes;
        }

        /** Refuses, before anything is stored, what would take the person past their quota. */
        public void require(long moreBytes) {
            if (!allows(moreBytes)) {
                throw new QuotaExceeded(usedBytes, limitBytes);
            }
        }

        /** Share of the quota used, 0-100, for a bar on the person's pages. */
        public int percent() {
            return limitBytes == null || limitBytes == 0 ? 0
                    : (int) Math.min(100, Math.round(100.0 * usedBytes / limitBytes));
        }
    }

    public Use of(CurrentUser user) {
        UsageView usage = mongo.findById(user.username(), UsageView.class, MongoCollections.USAGE);
        long used = usage == null ? 0 : usage.bytes();
        return new Use(used, user.isAdmin() ? null : properties.quota().toBytes());
    }
}
