package dev.montazz.merge;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What this merge-service instance does. Both by default, as on one machine. Apart, renders (seconds of both cores
 * each) never lengthen a chunk's round trip: chunk stores answer ingest, render workers make films, and each kind
 * scales by itself. The listeners of a role that is off never start, so its records go to the instances that have it.
 *
 * @param chunks stores chunks and answers ingest (and reads uploaded music and video files whole)
 * @param renders makes films from render requests
 */
@Validated
@ConfigurationProperties("montazz.merge.roles")
public record MergeRoles(boolean chunks, boolean renders) {

    /** The listener ids each role starts, as the listeners name themselves. */
    public static final String CHUNK_STORE_LISTENER = "chunk-store";
    public static final String RENDER_LISTENER = "render";

    @AssertTrue(message = "A merge-service instance must store chunks, render, or both (montazz.merge.roles.*)")
    boolean isSomething() {
        return chunks || renders;
    }

    @Override
    public String toString() {
        return chunks && renders ? "chunk store and render worker" : chunks ? "chunk store" : "render worker";
    }
}
