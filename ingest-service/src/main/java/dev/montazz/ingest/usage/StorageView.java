package dev.montazz.ingest.usage;

/**
 * A person's storage as their pages show it before they record: "120 MB of 2.0 GB", how full, and whether there is
 * room left at all.
 *
 * @param limit null for administrators, who have no quota
 */
public record StorageView(String used, String limit, int percent, boolean full) {

    public static StorageView of(StorageQuota.Use use) {
        return new StorageView(DataSizes.words(use.usedBytes()),
                use.limitBytes() == null ? null : DataSizes.words(use.limitBytes()), use.percent(), !use.allows(1));
    }
}
