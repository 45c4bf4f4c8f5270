package dev.montazz.merge.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Joins parts in the film's format into a film without copying their media: it writes only a new index (the film's
 * {@code moov}, every part's sample tables one after another, their offsets moved to where the part's media will sit)
 * and says which byte ranges of which files follow it. A film so made is the head this returns, then each part's media
 * bytes as they are in the part's own file; whoever serves it sends those ranges one after another. Storing a film
 * after a new take is then storing a head of a few hundred kilobytes, whatever the film's length.
 * <p>
 * Every part starts where the picture of the one before ends, as {@link Concatenator} places them: the sound of a part
 * is cut or padded at that point, and a part's encoder priming (the samples its edit list skips) is left out after the
 * first. Parts of another format (other sample descriptions, time scales or delays) are refused: the caller joins them
 * by packet copy instead.
 */
@Component
public class FilmSplice {

    private static final String VIDEO = "vide";
    private static final String SOUND = "soun";
    private static final long FOUR_GB = 0xFFFFFFFFL;

    /**
     * A part of the film.
     *
     * @param inline whether its media bytes are written into the head (a part kept nowhere else, like a title card)
     */
    public record Part(Path file, boolean inline) {
    }

    /**
     * A byte range of the film: of the head when {@code part} is -1, else of that part's file.
     */
    public record Piece(int part, long offset, long length) {
    }

    /**
     * @param placements where each part sits in the film
     * @param pieces the film's bytes, in order; the first is the head's start
     * @param sizeBytes the film's length in bytes
     */
    public record Spliced(List<Concatenator.Placement> placements, List<Piece> pieces, long sizeBytes,
            double durationSeconds) {
    }

    /** One track of a part: its time scale, edit, decoder configuration and samples. */
    private record Track(Mp4Box trak, long timescale, long mediaTime, byte[] config, TrackSamples samples) {
    }

    /**
     * @param chapters a chapter title for each part, null for a part that is none
     * @param head where the film's head is written
     */
    public Spliced splice(List<Part> parts, List<String> chapters, Path head) throws IOException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("Nothing to join");
        }
        List<Mp4File> files = new ArrayList<>();
        for (Part part : parts) {
            files.add(Mp4File.read(part.file()));
        }
        Mp4File first = files.get(0);
        Track video0 = track(first, VIDEO);
        Track sound0 = track(first, SOUND);
        long movieScale = field(first.moov().need("mvhd"), 12, 20);
        TrackSamples video = new TrackSamples();
        TrackSamples sound = new TrackSamples();
        List<Concatenator.Placement> placements = new ArrayList<>();
        long[] payloadAt = new long[parts.size()];
        long payload = 0;
        for (int k = 0; k < files.size(); k++) {
            Mp4File file = files.get(k);
            Track v = track(file, VIDEO);
            Track a = track(file, SOUND);
            if (k > 0 && (!same(v, video0) || !same(a, sound0))) {
                throw new IOException(file.path().getFileName() + " is not in the film's format");
            }
            payloadAt[k] = payload;
            long shift = payload - file.payloadStart();
            long videoStart = video.length();
            for (int i = 0; i < v.samples().count(); i++) {
                check(file, v.samples(), i);
                video.add(v.samples(), i, shift);
            }
            // The part's sound starts with its picture: what the part before left is cut or padded to that point.
            long soundStart = sound0.mediaTime() + Math.round(videoStart * (double) sound0.timescale()
                    / video0.timescale());
            endAt(sound, soundStart);
            long skipped = 0;
            for (int i = 0; i < a.samples().count(); i++) {
                check(file, a.samples(), i);
                if (k > 0 && skipped + a.samples().duration(i) <= a.mediaTime()) {
                    skipped += a.samples().duration(i);
                    continue;
                }
                sound.add(a.samples(), i, shift);
            }
            double seconds = (video.length() - videoStart) / (double) video0.timescale();
            placements.add(new Concatenator.Placement(videoStart / (double) video0.timescale(), seconds));
            payload += file.payloadLength();
        }
        endAt(sound, sound0.mediaTime() + Math.round(video.length() * (double) sound0.timescale()
                / video0.timescale()));
        double filmSeconds = video.length() / (double) video0.timescale();
        long filmMovieTicks = Math.round(filmSeconds * movieScale);

        Mp4Box moov = Mp4Box.parse(first.moov().bytes());
        Mp4Box videoTrak = trakOf(moov, VIDEO);
        Mp4Box soundTrak = trakOf(moov, SOUND);
        if (moov.all("trak").size() != 2) {
            throw new IOException("A film part must have one picture and one sound track");
        }
        setDuration(moov.need("mvhd"), 16, 24, filmMovieTicks);
        for (Mp4Box trak : List.of(videoTrak, soundTrak)) {
            TrackSamples samples = trak == videoTrak ? video : sound;
            Track template = trak == videoTrak ? video0 : sound0;
            setDuration(trak.need("tkhd"), 20, 28, filmMovieTicks);
            setDuration(trak.need("mdia/mdhd"), 16, 24, samples.length());
            trak.replace("edts", Mp4Box.container("edts", List.of(edit(filmMovieTicks, template.mediaTime()))));
        }
        Mp4Box udta = moov.child("udta").orElseGet(() -> {
            Mp4Box created = Mp4Box.container("udta", List.of());
            moov.children.add(created);
            return created;
        });
        udta.replace("chpl", chapterList(Chapters.of(chapters, placements)));

        byte[] ftyp = first.ftyp();
        boolean large = ftyp.length + moov.size() + 16 + payload > FOUR_GB;
        // Offsets do not change the index's size: written once to learn it, then with the offsets it gives.
        video.writeTo(videoTrak.need("mdia/minf/stbl"), 0, large);
        sound.writeTo(soundTrak.need("mdia/minf/stbl"), 0, large);
        int mdatHeader = large ? 16 : 8;
        long headerBytes = ftyp.length + moov.size() + mdatHeader;
        video.writeTo(videoTrak.need("mdia/minf/stbl"), headerBytes, large);
        sound.writeTo(soundTrak.need("mdia/minf/stbl"), headerBytes, large);
        return new Spliced(placements, writeHead(head, ftyp, moov, large, payload, parts, files, payloadAt),
                headerBytes + payload, filmSeconds);
    }

    private static List<Piece> writeHead(Path head, byte[] ftyp, Mp4Box moov, boolean large, long payload,
            List<Part> parts, List<Mp4File> files, long[] payloadAt) throws IOException {
        List<Piece> pieces = new ArrayList<>();
        try (OutputStream out = Files.newOutputStream(head)) {
            out.write(ftyp);
            out.write(moov.bytes());
            ByteBuffer mdat = ByteBuffer.allocate(large ? 16 : 8);
            if (large) {
                mdat.putInt(1).put("mdat".getBytes(StandardCharsets.ISO_8859_1)).putLong(16 + payload);
            } else {
                mdat.putInt((int) (8 + payload)).put("mdat".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write(mdat.array());
            long written = ftyp.length + moov.size() + mdat.capacity();
            pieces.add(new Piece(-1, 0, written));
            for (int k = 0; k < parts.size(); k++) {
                Mp4File file = files.get(k);
                if (parts.get(k).inline()) {
                    try (var in = Files.newInputStream(file.path())) {
                        in.skipNBytes(file.payloadStart());
                        copy(in, out, file.payloadLength());
                    }
                    add(pieces, new Piece(-1, written, file.payloadLength()));
                    written += file.payloadLength();
                } else {
                    add(pieces, new Piece(k, file.payloadStart(), file.payloadLength()));
                }
            }
        }
        return pieces;
    }

    /** Adds the range, run together with the one before when it continues it. */
    private static void add(List<Piece> pieces, Piece piece) {
        Piece last = pieces.get(pieces.size() - 1);
        if (last.part() == piece.part() && last.offset() + last.length() == piece.offset()) {
            pieces.set(pieces.size() - 1, new Piece(last.part(), last.offset(), last.length() + piece.length()));
        } else if (piece.length() > 0) {
            pieces.add(piece);
        }
    }

    private static void copy(java.io.InputStream in, OutputStream out, long bytes) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = bytes;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("A part ended before its media did");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    /** Cuts the track's last samples or lengthens its last one so that it ends at {@code ticks}. */
    private static void endAt(TrackSamples samples, long ticks) {
        while (samples.count() > 0 && samples.length() - samples.duration(samples.count() - 1) >= ticks) {
            samples.dropLast();
        }
        if (samples.count() > 0) {
            samples.lengthenLast(ticks - samples.length());
        }
    }

    private static void check(Mp4File file, TrackSamples samples, int i) throws IOException {
        long offset = samples.offset(i);
        if (offset < file.payloadStart() || offset + samples.size(i) > file.payloadStart() + file.payloadLength()) {
            throw new IOException(file.path().getFileName() + " has a sample outside its media");
        }
    }

    private static boolean same(Track a, Track b) {
        return a.timescale() == b.timescale() && a.mediaTime() == b.mediaTime()
                && Arrays.equals(a.config(), b.config());
    }

    private static Track track(Mp4File file, String handler) throws IOException {
        Mp4Box trak = trakOf(file.moov(), handler);
        Mp4Box mdia = trak.need("mdia");
        long timescale = field(mdia.need("mdhd"), 12, 20);
        Mp4Box stbl = mdia.need("minf/stbl");
        return new Track(trak, timescale, mediaTime(trak), decoderConfig(stbl.need("stsd").payload),
                TrackSamples.of(stbl));
    }

    /**
     * What a decoder is set up with: the H.264 {@code avcC} box, or AAC's AudioSpecificConfig from the {@code esds}.
     * The rest of a sample description differs between files of one format (bit rates measured per file).
     */
    static byte[] decoderConfig(byte[] stsd) throws IOException {
        int avcC = indexOf(stsd, "avcC");
        if (avcC >= 4) {
            int size = ByteBuffer.wrap(stsd).getInt(avcC - 4);
            return Arrays.copyOfRange(stsd, avcC - 4, Math.min(stsd.length, avcC - 4 + size));
        }
        int esds = indexOf(stsd, "esds");
        if (esds < 0) {
            throw new IOException("A sample description of neither H.264 nor AAC");
        }
        // esds: version and flags, then ES (tag 3: id, flags), decoder config (tag 4: 13 bytes), decoder info (tag 5).
        ByteBuffer in = ByteBuffer.wrap(stsd, esds + 8, stsd.length - esds - 8);
        expectTag(in, 3);
        in.getShort();
        int flags = in.get();
        if ((flags & 0x80) != 0) {
            in.getShort();
        }
        if ((flags & 0x40) != 0) {
            in.position(in.position() + (in.get() & 0xFF));
        }
        if ((flags & 0x20) != 0) {
            in.getShort();
        }
        expectTag(in, 4);
        in.position(in.position() + 13);
        int length = expectTag(in, 5);
        byte[] config = new byte[length];
        in.get(config);
        return config;
    }

    /** Reads a descriptor's tag and length; returns the length. */
    private static int expectTag(ByteBuffer in, int tag) throws IOException {
        if (in.get() != tag) {
            throw new IOException("An AAC description without descriptor " + tag);
        }
        int length = 0;
        for (int i = 0; i < 4; i++) {
            int b = in.get() & 0xFF;
            length = (length << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return length;
    }

    private static int indexOf(byte[] bytes, String fourCc) {
        byte[] wanted = fourCc.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + 4 <= bytes.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Mp4Box trakOf(Mp4Box moov, String handler) throws IOException {
        for (Mp4Box trak : moov.all("trak")) {
            byte[] hdlr = trak.need("mdia/hdlr").payload;
            if (new String(hdlr, 8, 4, StandardCharsets.ISO_8859_1).equals(handler)) {
                return trak;
            }
        }
        throw new IOException("No " + handler + " track");
    }

    /** Where the track's one edit starts in its media (the delay its encoder added); 0 without one. */
    private static long mediaTime(Mp4Box trak) throws IOException {
        if (trak.child("edts").isEmpty()) {
            return 0;
        }
        ByteBuffer elst = ByteBuffer.wrap(trak.need("edts/elst").payload);
        int version = elst.get(0);
        elst.position(4);
        int entries = elst.getInt();
        if (entries != 1) {
            throw new IOException("An edit list of " + entries + " entries");
        }
        if (version == 1) {
            elst.getLong();
            return elst.getLong();
        }
        elst.getInt();
        return elst.getInt();
    }

    private static Mp4Box edit(long segmentTicks, long mediaTime) {
        ByteBuffer elst = ByteBuffer.allocate(28);
        elst.put(0, (byte) 1).position(4);
        elst.putInt(1).putLong(segmentTicks).putLong(mediaTime).putInt(0x00010000);
        return Mp4Box.leaf("elst", elst.array());
    }

    /** A 32-bit (version 0) or 64-bit (version 1) field of a full box, at the offset its version puts it. */
    private static long field(Mp4Box box, int atVersion0, int atVersion1) {
        ByteBuffer bytes = ByteBuffer.wrap(box.payload);
        return bytes.get(0) == 1 ? bytes.getInt(atVersion1) & 0xFFFFFFFFL : bytes.getInt(atVersion0) & 0xFFFFFFFFL;
    }

    private static void setDuration(Mp4Box box, int atVersion0, int atVersion1, long value) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(box.payload);
        if (bytes.get(0) == 1) {
            bytes.putLong(atVersion1, value);
        } else if (value > FOUR_GB) {
            throw new IOException("A duration too long for a " + box.type + " of version 0");
        } else {
            bytes.putInt(atVersion0, (int) value);
        }
    }

    /** The Nero chapter list players read (the QuickTime chapter track the muxer also writes is left out). */
    private static Mp4Box chapterList(List<Chapters.Chapter> all) {
        if (all.isEmpty()) {
            return null;
        }
        List<Chapters.Chapter> chapters = all.subList(0, Math.min(all.size(), 255));
        ByteBuffer chpl = ByteBuffer.allocate(9 + chapters.size() * 264);
        chpl.put((byte) 1).put(new byte[3]).putInt(0).put((byte) chapters.size());
        for (Chapters.Chapter chapter : chapters) {
            byte[] title = chapter.title().getBytes(StandardCharsets.UTF_8);
            int length = Math.min(title.length, 255);
            chpl.putLong(Math.round(chapter.startSeconds() * 10_000_000)).put((byte) length).put(title, 0, length);
        }
        return Mp4Box.leaf("chpl", Arrays.copyOf(chpl.array(), chpl.position()));
    }
}
