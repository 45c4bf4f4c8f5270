package dev.montazz.contract.floor;

/**
 * Who is on air, read by the portal from ingest-service's {@code floors} collection ({@code _id} is the montage id).
 *
 * @param holder the person recording or about to; {@code null} when the floor is free
 */
public record FloorView(String id, HolderView holder) {

    /** The field a reader queries by to find montages with someone on air. */
    public static final String HOLDER = "holder";

    public record HolderView(String username, String displayName) {
    }
}
