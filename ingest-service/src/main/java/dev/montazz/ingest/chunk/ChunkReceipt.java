package dev.montazz.ingest.chunk;

/**
 * What a browser gets back once its chunk is safely stored: where it sits in Kafka, and whether it was a re-send of a
 * chunk already stored (then partition and offset are those of the stored copy).
 */
record ChunkReceipt(String montageId, String takeId, int sequence, int partition, long offset, boolean duplicate) {
}
