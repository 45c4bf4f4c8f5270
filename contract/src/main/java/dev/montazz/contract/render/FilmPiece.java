package dev.montazz.contract.render;

/**
 * A byte range of a file in GridFS. A film stored in pieces is its pieces' bytes one after another: its head (the
 * film's index, in bucket {@code videos}, the render's {@code videoId}) and then the media of each take as it lies in
 * the take's own normalised copy (bucket {@code normalised}), so a new take adds a new head and nothing else. Files a
 * piece names are kept as long as a render names them.
 *
 * @param bucket the GridFS bucket of the file ({@code GridFsBuckets})
 * @param fileId the file's GridFS id
 * @param offset where the range starts in the file
 * @param length how many bytes it has
 */
public record FilmPiece(String bucket, String fileId, long offset, long length) {
}
