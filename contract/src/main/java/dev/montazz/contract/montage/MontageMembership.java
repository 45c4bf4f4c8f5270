package dev.montazz.contract.montage;

import java.util.List;

/**
 * Who belongs to a montage, read by ingest-service (who may record, for how long) and auth-service (what deleting an
 * account takes with it) from the portal's {@code montages} collection ({@code _id} is the montage id).
 *
 * @param owner the account name of who created it
 * @param contributors account names allowed to record into it, the owner first
 * @param maxShotSeconds the longest shot; {@code null} for the platform's default
 */
public record MontageMembership(String id, String title, String owner, List<String> contributors,
        Integer maxShotSeconds) {

    /** Field names readers query by. */
    public static final String OWNER = "owner";
    public static final String CONTRIBUTORS = "contributors";
    public static final String CREATED_AT = "createdAt";

    @Override
    public List<String> contributors() {
        return contributors == null ? List.of() : contributors;
    }

    public boolean hasContributor(String username) {
        return contributors().contains(username);
    }
}
