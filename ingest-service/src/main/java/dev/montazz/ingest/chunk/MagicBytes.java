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
