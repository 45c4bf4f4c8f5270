package dev.montazz.merge.chunk;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The chunk store.
 *
 * @param slowChunk a chunk whose storing takes longer (from ingest sending it to its receipt handed back) is logged
 *     with where that time went, as ingest logs its own slow chunks: the two lines together tell a slow round trip's
 *     whole path
 */
@Validated
@ConfigurationProperties("montazz.merge.chunks")
record ChunkStoreProperties(@NotNull Duration slowChunk) {
}
