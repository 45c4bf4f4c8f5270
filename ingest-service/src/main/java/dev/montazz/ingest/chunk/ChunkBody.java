package dev.montazz.ingest.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads a chunk's bytes once the sender is known to be allowed to send it. The whole chunk must arrive within a
 * deadline (a client trickling a byte every few seconds would otherwise hold a thread for minutes), and memory grows
 * with the bytes that arrived, never with the length a client declares. A blocked read gives up after the server's
 * read timeout ({@code server.tomcat.connection-timeout}), so a request ends at most that long after its deadline.
 */
final class ChunkBody implements ChunkSource {

    /** The first allocation; it doubles as bytes arrive, up to the declared length. */
    private static final int FIRST_BLOCK = 64 * 1024;

    private final HttpServletRequest request;
    private final long max;
    private final Duration timeout;

    ChunkBody(HttpServletRequest request, long max, Duration timeout) {
        this.request = request;
        this.max = max;
        this.timeout = timeout;
    }

    @Override
    public long declaredLength() {
        return request.getContentLengthLong();
    }

    @Override
    public byte[] read() throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw tooLarge(max);
        }
        long limit = declared >= 0 ? declared : max + 1;
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] data = new byte[(int) Math.min(limit, FIRST_BLOCK)];
        int length = 0;
        try (InputStream in = request.getInputStream()) {
            while (length < limit) {
                if (length == data.length) {
                    data = Arrays.copyOf(data, (int) Math.min(limit, 2L * data.length));
                }
                int read = in.read(data, length, data.length - length);
                if (read < 0) {
                    break;
                }
                length += read;
                if (System.nanoTime() > deadline && length < limit) {
                    throw new ResponseStatusException(HttpStatus.REQUEST_TIMEOUT, "The chunk did not arrive within "
                            + timeout.toSeconds() + " s; send it again (re-sends are safe)");
                }
            }
        }
        if (length > max) {
            throw tooLarge(max);
        }
        if (declared >= 0 && length < declared) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "The chunk ended after " + length + " of its " + declared + " bytes; send it again");
        }
        if (length == 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The chunk is empty");
        }
        return length == data.length ? data : Arrays.copyOf(data, length);
    }

    private static ResponseStatusException tooLarge(long max) {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                "A chunk may be at most " + (max / 1024) + " KiB; record with a shorter time slice");
    }
}
