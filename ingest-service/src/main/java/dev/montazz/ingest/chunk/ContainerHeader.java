package dev.montazz.ingest.chunk;

import java.nio.charset.StandardCharsets;

import dev.montazz.contract.chunk.Container;

/**
 * Reads the container header a take's first chunk must hold, before anything is acknowledged: a WebM's EBML header,
 * Segment and Tracks with a video track, or an MP4's {@code ftyp} and a whole {@code moov} with a video track (Safari
 * records fragmented MP4, whose {@code moov} comes first). Four magic bytes were not enough: a chunk that only starts
 * like a video was acknowledged and left its montage unable to render.
 * <p>
 * Only the structure is read, in Java, within the bytes received: no decoder ever sees a chunk alone (FFmpeg once
 * took a headerless WebM chunk for VVC), and no declared size is trusted beyond the chunk's length.
 */
final class ContainerHeader {

    private static final int EBML = 0x1A45DFA3;
    private static final int DOC_TYPE = 0x4282;
    private static final int SEGMENT = 0x18538067;
    private static final int TRACKS = 0x1654AE6B;
    private static final int TRACK_ENTRY = 0xAE;
    private static final int TRACK_TYPE = 0x83;
    private static final int CLUSTER = 0x1F43B675;
    private static final int VIDEO_TRACK = 1;
    private static final String INCOMPLETE = "The first chunk must hold the whole header of the recording";

    private ContainerHeader() {
    }

    static Container read(byte[] data) {
        Container container = MagicBytes.sniff(data)
                .orElseThrow(() -> new NotAVideo("The first chunk of a take must be WebM or MP4 video"));
        if (container == Container.WEBM) {
            readWebm(data);
        } else {
            readMp4(data);
        }
        return container;
    }

    // --- WebM (Matroska's EBML) ---

    private static void readWebm(byte[] data) {
        Ebml in = new Ebml(data);
        Ebml.Element header = in.element(0, data.length);
        if (header.unknownSize() || header.end() > data.length) {
            throw new NotAVideo(INCOMPLETE + " (its EBML header is cut off or declares a size it does not have)");
        }
        String docType = null;
        for (long at = header.dataStart(); at < header.end(); ) {
            Ebml.Element child = in.child(at, header.end());
            if (child.id() == DOC_TYPE) {
                docType = new String(data, child.dataStart(), (int) child.size(), StandardCharsets.US_ASCII).trim();
            }
            at = child.end();
        }
        if (!"webm".equals(docType) && !"matroska".equals(docType)) {
            throw new NotAVideo("This EBML file is not WebM or Matroska video");
        }
        Ebml.Element segment = in.element(header.end(), data.length);
        if (segment.id() != SEGMENT) {
            throw new NotAVideo("This WebM has no Segment after its header");
        }
        long limit = segment.unknownSize() ? data.length : Math.min(segment.end(), data.length);
        for (long at = segment.dataStart(); at < limit; ) {
            Ebml.Element child = in.element(at, data.length);
            if (child.id() == CLUSTER) {
                throw new NotAVideo("This WebM has media before its track list");
            }
            if (child.unknownSize() || child.end() > data.length) {
                throw new NotAVideo(INCOMPLETE + " (an element before its tracks is cut off)");
            }
            if (child.id() == TRACKS) {
                requireVideoTrack(in, child);
                return;
            }
            at = child.end();
        }
        throw new NotAVideo(INCOMPLETE + " (no track list)");
    }

    private static void requireVideoTrack(Ebml in, Ebml.Element tracks) {
        for (long at = tracks.dataStart(); at < tracks.end(); ) {
            Ebml.Element entry = in.child(at, tracks.end());
            if (entry.id() == TRACK_ENTRY) {
                for (long inner = entry.dataStart(); inner < entry.end(); ) {
                    Ebml.Element field = in.child(inner, entry.end());
                    if (field.id() == TRACK_TYPE && in.unsigned(field) == VIDEO_TRACK) {
                        return;
                    }
                    inner = field.end();
                }
            }
            at = entry.end();
        }
        throw new NotAVideo("This WebM has no video track");
    }

    /** EBML variable-length integers: element ids keep their length marker, sizes drop it (all ones: unknown). */
    private record Ebml(byte[] data) {

        record Element(int id, int dataStart, long size, boolean unknownSize) {

            long end() {
                return unknownSize ? Long.MAX_VALUE : dataStart + size;
            }
        }

        /** The element at {@code at}; its id and size must lie before {@code limit}; where its body ends is not checked. */
        Element element(long position, long limit) {
            int at = (int) Math.min(position, data.length);
            int idLength = length(at, limit, 4);
            int id = 0;
            for (int i = 0; i < idLength; i++) {
                id = (id << 8) | (data[at + i] & 0xFF);
            }
            int sizeAt = at + idLength;
            int sizeLength = length(sizeAt, limit, 8);
            long size = data[sizeAt] & (0xFF >> sizeLength);
            boolean allOnes = size == (0xFF >> sizeLength);
            for (int i = 1; i < sizeLength; i++) {
                int b = data[sizeAt + i] & 0xFF;
                allOnes &= b == 0xFF;
                size = (size << 8) | b;
            }
            return new Element(id, sizeAt + sizeLength, size, allOnes);
        }

        /** An element inside another that ends at {@code parentEnd} (within the chunk): it must fit there. */
        Element child(long at, long parentEnd) {
            Element child = element(at, parentEnd);
            if (child.unknownSize() || child.end() > parentEnd) {
                throw new NotAVideo("This WebM's header is damaged (an element overruns the one holding it)");
            }
            return child;
        }

        long unsigned(Element element) {
            long value = 0;
            for (int i = 0; i < Math.min(element.size, 8); i++) {
                value = (value << 8) | (data[element.dataStart() + i] & 0xFF);
            }
            return value;
        }

        private int length(int at, long limit, int max) {
            if (at >= limit || at >= data.length) {
                throw new NotAVideo(INCOMPLETE + " (it ends inside the header)");
            }
            int first = data[at] & 0xFF;
            int length = Integer.numberOfLeadingZeros(first) - 23;
            if (first == 0 || length > max) {
                throw new NotAVideo("This WebM's header is damaged (a malformed number)");
            }
            if (at + length > Math.min(limit, data.length)) {
                throw new NotAVideo(INCOMPLETE + " (it ends inside the header)");
            }
            return length;
        }
    }

    // --- MP4 (ISO base media file format) ---

    private static void readMp4(byte[] data) {
        Box ftyp = Box.at(data, 0, data.length);
        if (!ftyp.is("ftyp") || ftyp.end() > data.length) {
            throw new NotAVideo(INCOMPLETE + " (its ftyp box is cut off)");
        }
        for (long at = ftyp.end(); at < data.length; ) {
            Box box = Box.at(data, (int) at, data.length);
            if (box.is("moov")) {
                if (box.end() > data.length) {
                    throw new NotAVideo(INCOMPLETE + " (its moov box is cut off)");
                }
                if (!hasVideoTrack(data, box)) {
                    throw new NotAVideo("This MP4 has no video track");
                }
                return;
            }
            if (box.is("moof") || box.is("mdat")) {
                throw new NotAVideo("This MP4 has media before its moov box; record in fragmented MP4 or move the "
                        + "moov box to the start (faststart)");
            }
            at = box.end();
        }
        throw new NotAVideo(INCOMPLETE + " (no moov box)");
    }

    private static boolean hasVideoTrack(byte[] data, Box moov) {
        boolean video = false;
        for (Box trak : moov.children(data)) {
            if (trak.is("trak")) {
                for (Box mdia : trak.children(data)) {
                    if (mdia.is("mdia")) {
                        for (Box hdlr : mdia.children(data)) {
                            // A full box: version and flags, pre_defined, then the handler type.
                            if (hdlr.is("hdlr") && hdlr.end() >= hdlr.start() + 20
                                    && "vide".equals(ascii(data, hdlr.start() + 16))) {
                                video = true;
                            }
                        }
                    }
                }
            }
        }
        return video;
    }

    private static String ascii(byte[] data, int at) {
        return new String(data, at, 4, StandardCharsets.US_ASCII);
    }

    /** An MP4 box: a 32-bit size (1: a 64-bit size follows; 0: to the end of the file) and a four-letter type. */
    private record Box(int start, int headerLength, long size, String type) {

        static Box at(byte[] data, int at, long limit) {
            if (at + 8 > Math.min(limit, data.length)) {
                throw new NotAVideo(INCOMPLETE + " (it ends inside a box header)");
            }
            long size = readUnsigned(data, at, 4);
            String type = ascii(data, at + 4);
            int header = 8;
            if (size == 1) {
                if (at + 16 > Math.min(limit, data.length)) {
                    throw new NotAVideo(INCOMPLETE + " (it ends inside a box header)");
                }
                size = readUnsigned(data, at + 8, 8);
                header = 16;
            } else if (size == 0) {
                size = limit - at;
            }
            if (size < header || size < 0) {
                throw new NotAVideo("This MP4's header is damaged (a box of impossible size)");
            }
            return new Box(at, header, size, type);
        }

        boolean is(String name) {
            return type.equals(name);
        }

        long end() {
            return start + size;
        }

        /** The boxes inside this one, each of which must fit in it. */
        java.util.List<Box> children(byte[] data) {
            java.util.List<Box> children = new java.util.ArrayList<>();
            for (long at = start + headerLength; at < end(); ) {
                Box child = Box.at(data, (int) at, end());
                if (child.end() > end()) {
                    throw new NotAVideo("This MP4's header is damaged (a box overruns the one holding it)");
                }
                children.add(child);
                at = child.end();
            }
            return children;
        }

        private static long readUnsigned(byte[] data, int at, int length) {
            long value = 0;
            for (int i = 0; i < length; i++) {
                value = (value << 8) | (data[at + i] & 0xFF);
            }
            return value;
        }
    }
}
