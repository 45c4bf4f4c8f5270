package dev.montazz.ingest;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxChunkSize the largest chunk a browser may send; the Kafka producer and the chunks topic allow a little
 *        more, for the record headers (see {@code ChunkTopics})
 * @param chunkReadTimeout how long a chunk's bytes may take to arrive, all of them (408 after)
 * @param maxUploadsPerPerson chunks one person may be sending at once (429 past it)
 * @param quota media one person may have stored (chunks of every take they recorded); administrators have none
 * @param receiptTimeout how long a chunk may wait for merge-service's confirmation that it stored it
 * @param maxMusicSize the largest music file an owner may upload (merge-service takes the same)
 * @param maxShotFileSize the largest video file a contributor may upload as a shot (merge-service takes the same)
 * @param slowChunk a chunk that takes longer in ingest is logged with where its time went, step by step
 */
@Validated
@ConfigurationProperties("montazz.ingest")
public record IngestProperties(@NotNull DataSize maxChunkSize, @NotNull Duration chunkReadTimeout,
        @Positive int maxUploadsPerPerson, @NotNull DataSize quota, @NotNull Duration receiptTimeout,
        @NotNull DataSize maxMusicSize, @NotNull DataSize maxShotFileSize, @NotNull Duration slowChunk) {
}
