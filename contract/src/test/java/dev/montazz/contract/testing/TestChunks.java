package dev.montazz.contract.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * First chunks as browsers send them, built byte by byte: a WebM's EBML header, Segment (size unknown, as
 * MediaRecorder writes it) and Tracks, then the start of a Cluster; an MP4's ftyp and moov as Safari's fragmented MP4
 * starts. Small enough to read in a test, real enough for ingest's header check.
 */
public final class TestChunks {

    private TestChunks() {
    }

    /** The start of a WebM with a VP8 video track and an Opus audio track, and a few media bytes. */
    public static byte[] webm() {
        byte[] ebmlHeader = element(0x1A45DFA3, concat(element(0x4286, new byte[] {1}),
                element(0x4282, "webm".getBytes(StandardCharsets.US_ASCII)), element(0x4287, new byte[] {4})));
        byte[] video = element(0xAE, concat(element(0xD7, new byte[] {1}), element(0x83, new byte[] {1}),
                element(0x86, "V_VP8".getBytes(StandardCharsets.US_ASCII))));
        byte[] audio = element(0xAE, concat(element(0xD7, new byte[] {2}), element(0x83, new byte[] {2}),
                element(0x86, "A_OPUS".getBytes(StandardCharsets.US_ASCII))));
        byte[] tracks = element(0x1654AE6B, concat(video, audio));
        byte[] cluster = concat(id(0x1F43B675), unknownSize(), element(0xE7, new byte[] {0}));
        return concat(ebmlHeader, id(0x18538067), unknownSize(), tracks, cluster);
    }

    /** The start of a fragmented MP4 with one video track. */
    public static byte[] mp4() {
        byte[] ftyp = box("ftyp", concat("isom".getBytes(StandardCharsets.US_ASCII), new byte[4],
                "isomiso6mp41".getBytes(StandardCharsets.US_ASCII)));
        byte[] hdlr = box("hdlr", concat(new byte[8], "vide".getBytes(StandardCharsets.US_ASCII), new byte[13]));
        byte[] moov = box("moov", concat(box("mvhd", new byte[100]), box("trak", box("mdia", hdlr))));
        return concat(ftyp, moov);
    }

    public static byte[] element(int id, byte[] body) {
        return concat(id(id), size(body.length), body);
    }

    public static byte[] box(String type, byte[] body) {
        int size = body.length + 8;
        return concat(new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size},
                type.getBytes(StandardCharsets.US_ASCII), body);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] id(int id) {
        int length = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (id >>> (8 * (length - 1 - i)));
        }
        return bytes;
    }

    /** An EBML size in 4 bytes (marker 0x10), which every size here fits. */
    private static byte[] size(int size) {
        return new byte[] {(byte) (0x10 | (size >>> 24)), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size};
    }

    private static byte[] unknownSize() {
        return new byte[] {0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF};
    }
}
