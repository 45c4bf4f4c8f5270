package dev.montazz.merge.chunk;

/**
 * How merge names a take and its chunks. Browsers choose take ids, so an id alone says nothing about whose take it is:
 * two people (or two montages) can send the same one. A take is therefore kept under its montage, its contributor's
 * account name and the browser's id together, and nothing sent for one montage or person can reach another's take.
 * None of the three parts can contain {@code /} or {@code :} (montage ids are URL-safe Base64, account names and take
 * ids are letters, digits, {@code .}, {@code -}, {@code _}), so the names cannot be forged by choosing odd ids.
 */
public final class TakeKey {

    private TakeKey() {
    }

    public static String of(String montageId, String contributorId, String clientTakeId) {
        return montageId + "/" + contributorId + "/" + clientTakeId;
    }

    public static String chunkId(String takeKey, int sequence) {
        return takeKey + ":" + sequence;
    }
}
