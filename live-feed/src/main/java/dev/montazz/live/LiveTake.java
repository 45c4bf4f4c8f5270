package dev.montazz.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.montazz.contract.chunk.Container;

/**
 * A take as it is being streamed: its initialisation segment, and the bytes since its latest segment start (where a
 * viewer joining now begins). Older bytes are let go: live viewers never need them, the film has them all. At most
 * {@link #MAX_HELD} bytes are held: a segment that grows past it (a client that sends no segment starts) is let go
 * too, and until the next start nobody can join the take midway.
 */
final class LiveTake {

    /**
     * The most bytes held since the latest segment start. A browser's recorder starts a segment every few seconds
     * (megabytes at most at the studio's 1 Mbit/s); without this bound a client streaming chunks with no segment start
     * made the service hold the whole take, and an instance ran out of memory (ChunkRoundTripBenchmark, 700 MB).
     */
    static final int MAX_HELD = 16 * 1024 * 1024;

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final String takeId;
    /** What viewers know the take by: the key holds the contributor's account name, which is not theirs to see. */
    private final String shownId = UUID.randomUUID().toString();
    private final String contributor;
    private final Container container;
    private final byte[] init;
    private final byte[] firstMedia;
    private final long firstCapturedAt;
    private final List<byte[]> sinceLatestStart = new ArrayList<>();
    private int held;
    /** Whether what is held begins at a segment start: a viewer can join midway. */
    private boolean joinable = true;
    private int nextSequence = 1;
    private long latestCapturedAt;

    private LiveTake(String takeId, String contributor, Container container, byte[] first, long capturedAt) {
        this.takeId = takeId;
        this.firstCapturedAt = capturedAt;
        this.latestCapturedAt = capturedAt;
        this.contributor = contributor;
        this.container = container;
        List<Integer> starts = SegmentStarts.in(container, first);
        int initEnd = starts.isEmpty() ? first.length : starts.get(0);
        this.init = Arrays.copyOf(first, initEnd);
        this.firstMedia = Arrays.copyOfRange(first, initEnd, first.length);
        append(firstMedia, starts.stream().map(start -> start - initEnd).toList());
    }

    /** A take from its first chunk: what comes before its first segment start is the initialisation segment. */
    static LiveTake begin(String takeId, String contributor, Container container, byte[] first, long capturedAt) {
        return new LiveTake(takeId, contributor, container, first, capturedAt);
    }

    /** What viewers watching already are sent when the take begins. */
    List<LiveEvent> beginning() {
        return firstMedia.length == 0 ? List.of(takeEvent(false))
                : List.of(takeEvent(false), media(firstMedia, firstCapturedAt));
    }

    String takeId() {
        return takeId;
    }

    /** Whether this is the chunk that comes next (re-sent chunks arrive again and are not news). */
    boolean isNext(int sequence) {
        return sequence == nextSequence;
    }

    /** Adds the take's next chunk; returns it as media to send. */
    LiveEvent next(byte[] chunk, long capturedAt) {
        nextSequence++;
        latestCapturedAt = capturedAt;
        append(chunk, SegmentStarts.in(container, chunk));
        return media(chunk, capturedAt);
    }

    private void append(byte[] bytes, List<Integer> starts) {
        if (!starts.isEmpty()) {
            sinceLatestStart.clear();
            held = 0;
            joinable = true;
            bytes = Arrays.copyOfRange(bytes, starts.get(starts.size() - 1), bytes.length);
        }
        if (!joinable) {
            return;
        }
        if (held + (long) bytes.length > MAX_HELD) {
            sinceLatestStart.clear();
            held = 0;
            joinable = false;
            return;
        }
        sinceLatestStart.add(bytes);
        held += bytes.length;
    }

    /** Bytes held for viewers who join midway. */
    int held() {
        return held;
    }

    LiveEvent takeEvent(boolean midway) {
        String mime = container == Container.MP4 ? "video/mp4" : "video/webm;codecs=\"vp8,opus\"";
        String encoded = BASE64.encodeToString(init);
        return new LiveEvent("take", new LiveEvent.Take(shownId, contributor, mime, encoded, midway), encoded.length());
    }

    /**
     * What a viewer joining now is sent: the initialisation segment, then everything since the latest start; nothing
     * while the take cannot be joined midway (the viewer sees the next take).
     */
    List<LiveEvent> forNewViewer() {
        if (!joinable) {
            return List.of();
        }
        List<LiveEvent> events = new ArrayList<>();
        events.add(takeEvent(true));
        int size = sinceLatestStart.stream().mapToInt(b -> b.length).sum();
        byte[] joined = new byte[size];
        int at = 0;
        for (byte[] piece : sinceLatestStart) {
            System.arraycopy(piece, 0, joined, at, piece.length);
            at += piece.length;
        }
        if (size > 0) {
            events.add(media(joined, latestCapturedAt));
        }
        return events;
    }

    LiveEvent media(byte[] bytes, long capturedAt) {
        String encoded = BASE64.encodeToString(bytes);
        return new LiveEvent("media", new LiveEvent.Media(shownId, encoded, capturedAt), encoded.length());
    }

    LiveEvent ended() {
        return new LiveEvent("ended", new LiveEvent.Ended(shownId), 64);
    }
}
