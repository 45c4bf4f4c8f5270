package dev.montazz.ingest.floor;

/**
 * A chunk the floor admitted, carried through its intake: who sends it, under which rules, and the floor as last read
 * or written, so each step starts from it rather than reading the floor again (a stale one is caught by the version
 * check and the step redone on a fresh read).
 */
public record ChunkAdmission(String montageId, String username, Chunk chunk, FloorRules rules, Floor floor) {

    /** What the floor checks of a chunk: the turn it belongs to, its take and its number. */
    public record Chunk(long fence, String takeId, int sequence) {
    }

    ChunkAdmission at(Floor recorded) {
        return new ChunkAdmission(montageId, username, chunk, rules, recorded);
    }
}
