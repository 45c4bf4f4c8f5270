package dev.montazz.contract.take;

import java.time.Instant;

/**
 * A take as other services read it from merge-service's {@code takes} collection: the portal for a person's archive,
 * auth for what deleting an account takes with it.
 *
 * @param id the take's key: montage id, contributor id and the browser's take id
 * @param container {@code webm} or {@code mp4} ({@code chunk.Container#wireName()})
 * @param lastSequence the number of the take's last chunk; {@code null} while recording
 * @param seconds length of the normalised take; {@code null} until normalised
 * @param thumbnailId GridFS id (bucket {@code thumbnails}) of a still from the normalised take; {@code null} until then
 * @param normalisedId GridFS id (bucket {@code normalised}) of the whole take in the film's format; {@code null} until
 *        then
 * @param firstPartition where its first chunk was read; with {@code firstOffset}, orders the montage's takes as
 *        they were recorded (0 where a take kept before they were is read)
 * @param chunksReleasedAt set once the take's recording (its chunks) is let go, a while after its normalised copy was
 *        kept: from then on the chunks may be gone at any moment, and the normalised copy is the take
 */
public record TakeView(String id, String montageId, String contributorId, String contributor, String container,
        Instant startedAt, Integer lastSequence, Double seconds, String thumbnailId, String normalisedId,
        Integer firstPartition, Long firstOffset, Instant chunksReleasedAt)
        implements dev.montazz.contract.montage.FilmEdit.Placeable {

    /** Field names readers query and sort by. */
    public static final String MONTAGE_ID = "montageId";
    public static final String CONTRIBUTOR_ID = "contributorId";
    public static final String STARTED_AT = "startedAt";
    /** Null while the take is being recorded. */
    public static final String LAST_SEQUENCE = "lastSequence";
    /** Sorting by these two orders takes as they were recorded (the order of turns), as merge-service orders them. */
    public static final String FIRST_PARTITION = "firstPartition";
    public static final String FIRST_OFFSET = "firstOffset";

    public TakeView {
        firstPartition = firstPartition == null ? 0 : firstPartition;
        firstOffset = firstOffset == null ? 0L : firstOffset;
    }

    /** The order takes were recorded in, as merge-service orders a montage's takes. */
    public static final java.util.Comparator<TakeView> RECORDED = java.util.Comparator
            .comparing(TakeView::firstPartition).thenComparing(TakeView::firstOffset);
}
