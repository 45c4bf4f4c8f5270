package dev.montazz.ingest.chunk;

import java.util.Optional;

import dev.montazz.contract.chunk.Container;

/**
 * Tells a take's container from the magic bytes of its first chunk: browsers' declared types are not trusted (Chrome
 * and Firefox record WebM, Safari fragmented MP4). Later chunks of a take are headerless continuations.
 */
final class MagicBytes {

    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    private static final byte[] FTYP = {'f', 't', 'y', 'p'};
    private static final byte[] ID3 = {'I', 'D', '3'};
    private static final byte[] OGG = {'O', 'g', 'g', 'S'};
    private static final byte[] FLAC = {'f', 'L', 'a', 'C'};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final byte[] WAVE = {'W', 'A', 'V', 'E'};
    /** QuickTime atoms a MOV from an older camera or phone may begin with instead of {@code ftyp}. */
    private static final byte[][] QUICKTIME_ATOMS = {{'m', 'o', 'o', 'v'}, {'m', 'd', 'a', 't'}, {'w', 'i', 'd', 'e'},
            {'f', 'r', 'e', 'e'}, {'s', 'k', 'i', 'p'}, {'p', 'n', 'o', 't'}};

    private MagicBytes() {
    }

    static Optional<Container> sniff(byte[] head) {
        if (startsWith(head, 0, EBML)) {
            return Optional.of(Container.WEBM);
        }
        if (startsWith(head, 4, FTYP)) {
            return Optional.of(Container.MP4);
        }
        return Optional.empty();
    }

    /**
     * Whether a file starts like one of the sound formats music is taken in: MP3 (an ID3 tag or a frame sync, which
     * ADTS AAC shares), MP4/M4A, Ogg, WAV, FLAC. A first look only, to refuse a wrong file before it is sent whole:
     * merge-service reads the whole file before keeping it.
     */
    static boolean looksLikeSound(byte[] head) {
        return startsWith(head, 0, ID3) || head.length > 1 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0
                || startsWith(head, 4, FTYP) || startsWith(head, 0, OGG) || startsWith(head, 0, FLAC)
                || startsWith(head, 0, RIFF) && startsWith(head, 8, WAVE);
    }

    /**
     * Whether a file starts like a video a shot may come from: WebM or Matroska (EBML), MP4 or MOV ({@code ftyp}, or
     * a QuickTime atom). A first look only, as for music: merge-service reads the whole file before it is a shot.
     */
    static boolean looksLikeVideo(byte[] head) {
        if (startsWith(head, 0, EBML) || startsWith(head, 4, FTYP)) {
            return true;
        }
        for (byte[] atom : QUICKTIME_ATOMS) {
            if (startsWith(head, 4, atom)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] data, int offset, byte[] magic) {
        if (data.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (data[offset + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
