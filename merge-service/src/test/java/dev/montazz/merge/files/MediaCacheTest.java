package dev.montazz.merge.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Merge's copies of normalised takes and title cards on its own disk, on a real file system. */
class MediaCacheTest {

    @TempDir
    Path work;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aKeptFileIsFoundAgainAndWhatWasNeverKeptIsNot() throws IOException {
        MediaCache cache = cache(DataSize.ofMegabytes(10));
        Path take = file("take.mp4", 1000, 1);
        cache.keep("m1", "abc123", take);
        Files.delete(take); // the render's directory goes after each job

        Path target = work.resolve("render").resolve("part.mp4");
        Files.createDirectories(target.getParent());
        assertThat(cache.copyTo("m1", "abc123", target)).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes(1000, 1));
        assertThat(cache.copyTo("m1", "other", work.resolve("render/other.mp4"))).isFalse();
        assertThat(cache.copyTo("m2", "abc123", work.resolve("render/m2.mp4"))).as("another montage's").isFalse();
        assertThat(Files.exists(work.resolve("render/other.mp4"))).isFalse();
        assertThat(meters.get("montazz.media.cache").tag("result", "hit").counter().count()).isEqualTo(1);
        assertThat(meters.get("montazz.media.cache").tag("result", "miss").counter().count()).isEqualTo(2);
    }

    @Test
    void pastItsLimitTheLeastRecentlyUsedGoFirst() throws IOException {
        MediaCache cache = cache(DataSize.ofBytes(3500));
        cache.keep("m1", "a", file("a", 1000, 1));
        cache.keep("m1", "b", file("b", 1000, 2));
        cache.keep("m1", "c", file("c", 1000, 3));
        age("m1.a.mp4", 30);
        age("m1.b.mp4", 20);
        age("m1.c.mp4", 10);
        assertThat(cache.copyTo("m1", "a", work.resolve("read-a"))).isTrue(); // used now: a goes last

        cache.keep("m1", "d", file("d", 1000, 4));

        assertThat(entries()).containsExactlyInAnyOrder("m1.a.mp4", "m1.c.mp4", "m1.d.mp4");
    }

    @Test
    void anEntryThatGoesWhileItIsReadStaysWholeForItsReader() throws IOException {
        MediaCache cache = cache(DataSize.ofMegabytes(10));
        cache.keep("m1", "a", file("a", 5000, 7));
        Path reading = work.resolve("reading.mp4");
        assertThat(cache.copyTo("m1", "a", reading)).isTrue();

        cache.forgetMontage("m1");

        assertThat(entries()).isEmpty();
        assertThat(Files.readAllBytes(reading)).isEqualTo(bytes(5000, 7));
    }

    @Test
    void aMontagesEntriesGoWithItAndAnEntryByItsKey() throws IOException {
        MediaCache cache = cache(DataSize.ofMegabytes(10));
        cache.keep("m1", "a", file("a", 10, 1));
        cache.keep("m1", "title-x", file("t", 10, 2));
        cache.keep("m10", "b", file("b", 10, 3));
        cache.keep("m2", "c", file("c", 10, 4));

        cache.forgetMontage("m1");
        assertThat(entries()).containsExactlyInAnyOrder("m10.b.mp4", "m2.c.mp4");
        cache.forget("c");
        assertThat(entries()).containsExactly("m10.b.mp4");
    }

    @Test
    void aMontageKeepsOneTitleCardTheOneBeforeMayNamePeopleWhoLeft() throws IOException {
        MediaCache cache = cache(DataSize.ofMegabytes(10));
        cache.keep("m1", "take", file("take", 10, 1));
        cache.keepOnly("m1", "title-", "title-before", file("t1", 10, 2));
        cache.keepOnly("m1", "title-", "title-after", file("t2", 10, 3));

        assertThat(entries()).containsExactlyInAnyOrder("m1.take.mp4", "m1.title-after.mp4");
    }

    @Test
    void namesThatAreNotPlainNeverBecomePaths() throws IOException {
        MediaCache cache = cache(DataSize.ofMegabytes(10));
        cache.keep("../outside", "a", file("a", 10, 1));
        cache.keep("m1", "a/../../b", file("b", 10, 1));
        cache.keep("m1", "a.b", file("c", 10, 1));

        assertThat(entries()).isEmpty();
        assertThat(cache.copyTo("../outside", "a", work.resolve("x"))).isFalse();
        try (Stream<Path> all = Files.list(work)) {
            assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("outside.a.mp4");
        }
    }

    @Test
    void whatACrashLeftHalfWrittenIsRemovedAtStartAndNoLimitMeansNoCopies() throws IOException {
        Path dir = work.resolve("cache");
        Files.createDirectories(dir);
        Files.write(dir.resolve("1234.part"), bytes(10, 1));
        MediaCache none = new MediaCache(new MediaCacheProperties(dir, DataSize.ofBytes(0), Duration.ofMinutes(5)), meters);
        assertThat(entries()).isEmpty();
        assertThat(Files.exists(dir.resolve("1234.part"))).isFalse();

        none.keep("m1", "a", file("a", 10, 1));
        assertThat(entries()).isEmpty();
    }

    private MediaCache cache(DataSize limit) throws IOException {
        return new MediaCache(new MediaCacheProperties(work.resolve("cache"), limit, Duration.ofMinutes(5)), meters);
    }

    private Path file(String name, int size, int seed) throws IOException {
        return Files.write(work.resolve(name), bytes(size, seed));
    }

    private static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) seed);
        return bytes;
    }

    private void age(String entry, int minutes) throws IOException {
        Files.setLastModifiedTime(work.resolve("cache").resolve(entry),
                FileTime.from(Instant.now().minusSeconds(60L * minutes)));
    }

    private java.util.List<String> entries() throws IOException {
        try (Stream<Path> all = Files.list(work.resolve("cache"))) {
            return all.map(p -> p.getFileName().toString()).toList();
        }
    }
}
