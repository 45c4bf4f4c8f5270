package dev.montazz.contract.take;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The takes of one montage, by id, in merge-service's {@code montage-takes} collection: so that a montage's takes are
 * found by {@code _id} lookups (this document, then each take), which even the embedded MongoDB-wire server answers
 * from its index however many takes it holds, where a query by {@code montageId} scans them all.
 * <p>
 * The list is complete for every montage once the document {@link #COMPLETE} exists (merge writes it when it has
 * listed the takes kept before there was a list); a montage without a document then has no take. Before that,
 * readers ask the {@code takes} collection itself.
 *
 * @param id the montage's id
 * @param takeIds every take of it ever started and not removed (finished or not, in no particular order)
 */
public record MontageTakesView(String id, List<String> takeIds) {

    /** The id of the document that says every montage's takes are listed. */
    public static final String COMPLETE = "~complete";

    public MontageTakesView {
        takeIds = takeIds == null ? List.of() : List.copyOf(takeIds);
    }

    /**
     * The finished takes listed, each found by {@code byId} (null for a take gone since), in the order they were
     * recorded: what a query on {@code montageId} sorted by {@link TakeView#RECORDED} finds.
     */
    public List<TakeView> finishedTakes(Function<String, TakeView> byId) {
        return takeIds.stream().map(byId).filter(Objects::nonNull).filter(take -> take.lastSequence() != null)
                .sorted(TakeView.RECORDED).toList();
    }
}
