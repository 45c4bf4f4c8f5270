package dev.montazz.merge.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The parts of an MP4 file the film's encoder wrote that a splice needs: its {@code ftyp}, its index ({@code moov})
 * and where its one {@code mdat} holds the media bytes. The media bytes themselves are never read.
 *
 * @param payloadStart where the media bytes begin in the file
 * @param payloadLength how many there are
 */
record Mp4File(Path path, byte[] ftyp, Mp4Box moov, long payloadStart, long payloadLength) {

    /** A larger index is no file this platform's encoder wrote. */
    private static final long MAX_INDEX_BYTES = 64L << 20;

    static Mp4File read(Path path) throws IOException {
        byte[] ftyp = null;
        Mp4Box moov = null;
        long payloadStart = -1;
        long payloadLength = -1;
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            long end = file.size();
            long position = 0;
            while (position + 8 <= end) {
                ByteBuffer header = ByteBuffer.allocate(16);
                file.read(header, position);
                header.flip();
                long size = header.getInt() & 0xFFFFFFFFL;
                String type = Mp4Box.fourCc(header.getInt());
                int headerBytes = 8;
                if (size == 1) {
                    size = header.getLong();
                    headerBytes = 16;
                } else if (size == 0) {
                    size = end - position;
                }
                if (size < headerBytes || position + size > end) {
                    throw new IOException(path.getFileName() + ": box " + type + " overruns the file");
                }
                switch (type) {
                    case "ftyp" -> ftyp = bytes(file, position, size);
                    case "moov" -> moov = Mp4Box.parse(bytes(file, position, size));
                    case "mdat" -> {
                        if (payloadStart >= 0) {
                            throw new IOException(path.getFileName() + " has its media in more than one place");
                        }
                        payloadStart = position + headerBytes;
                        payloadLength = size - headerBytes;
                    }
                    default -> {
                        // free space and other boxes carry nothing a film needs
                    }
                }
                position += size;
            }
        }
        if (ftyp == null || moov == null || payloadStart < 0) {
            throw new IOException(path.getFileName() + " is not a whole MP4 file");
        }
        return new Mp4File(path, ftyp, moov, payloadStart, payloadLength);
    }

    private static byte[] bytes(FileChannel file, long position, long size) throws IOException {
        if (size > MAX_INDEX_BYTES) {
            throw new IOException("An index of " + size + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("The file ended inside a box");
            }
        }
        return buffer.array();
    }
}
