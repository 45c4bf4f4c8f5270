package dev.montazz.merge.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One track's samples, one entry each (where its bytes are, how many, how long it lasts, its composition offset and
 * whether it is a sync sample), read from an MP4 sample table and written back as one. Run-length tables are expanded
 * so that samples can be appended, dropped at the end or lengthened, and compressed again when written.
 */
final class TrackSamples {

    private long[] offsets = new long[1024];
    private int[] sizes = new int[1024];
    private int[] durations = new int[1024];
    private int[] compositions = new int[1024];
    private boolean[] syncs = new boolean[1024];
    private int count;

    int count() {
        return count;
    }

    long offset(int i) {
        return offsets[i];
    }

    int size(int i) {
        return sizes[i];
    }

    int duration(int i) {
        return durations[i];
    }

    /** The track's length in its time scale. */
    long length() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += durations[i];
        }
        return sum;
    }

    void add(long offset, int size, int duration, int composition, boolean sync) {
        if (count == offsets.length) {
            int grown = count * 2;
            offsets = Arrays.copyOf(offsets, grown);
            sizes = Arrays.copyOf(sizes, grown);
            durations = Arrays.copyOf(durations, grown);
            compositions = Arrays.copyOf(compositions, grown);
            syncs = Arrays.copyOf(syncs, grown);
        }
        offsets[count] = offset;
        sizes[count] = size;
        durations[count] = duration;
        compositions[count] = composition;
        syncs[count] = sync;
        count++;
    }

    /** Appends sample {@code i} of {@code other}, its bytes {@code shift} further on. */
    void add(TrackSamples other, int i, long shift) {
        add(other.offsets[i] + shift, other.sizes[i], other.durations[i], other.compositions[i], other.syncs[i]);
    }

    void dropLast() {
        count--;
    }

    void lengthenLast(long ticks) {
        durations[count - 1] = Math.toIntExact(durations[count - 1] + ticks);
    }

    /** The samples of a track's {@code stbl}. */
    static TrackSamples of(Mp4Box stbl) throws IOException {
        ByteBuffer stsz = body(stbl.need("stsz"));
        int fixedSize = stsz.getInt();
        int n = stsz.getInt();
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            size[i] = fixedSize != 0 ? fixedSize : stsz.getInt();
        }
        int[] duration = runs(body(stbl.need("stts")), n, false);
        int[] composition = stbl.child("ctts").isPresent() ? runs(body(stbl.need("ctts")), n, true) : new int[n];
        boolean[] sync = new boolean[n];
        if (stbl.child("stss").isPresent()) {
            ByteBuffer stss = body(stbl.need("stss"));
            int entries = stss.getInt();
            for (int i = 0; i < entries; i++) {
                int number = stss.getInt();
                if (number >= 1 && number <= n) {
                    sync[number - 1] = true;
                }
            }
        } else {
            Arrays.fill(sync, true);
        }
        long[] chunkOffsets = chunkOffsets(stbl);
        ByteBuffer stsc = body(stbl.need("stsc"));
        int runs = stsc.getInt();
        int[] firstChunk = new int[runs];
        int[] perChunk = new int[runs];
        for (int i = 0; i < runs; i++) {
            firstChunk[i] = stsc.getInt();
            perChunk[i] = stsc.getInt();
            stsc.getInt();
        }
        TrackSamples samples = new TrackSamples();
        int sample = 0;
        for (int run = 0; run < runs && sample < n; run++) {
            int lastChunk = run + 1 < runs ? firstChunk[run + 1] - 1 : chunkOffsets.length;
            for (int chunk = firstChunk[run]; chunk <= lastChunk && sample < n; chunk++) {
                long offset = chunkOffsets[chunk - 1];
                for (int s = 0; s < perChunk[run] && sample < n; s++, sample++) {
                    samples.add(offset, size[sample], duration[sample], composition[sample], sync[sample]);
                    offset += size[sample];
                }
            }
        }
        if (sample != n) {
            throw new IOException("The sample table places " + sample + " of " + n + " samples");
        }
        return samples;
    }

    private static long[] chunkOffsets(Mp4Box stbl) throws IOException {
        boolean large = stbl.child("co64").isPresent();
        ByteBuffer table = body(stbl.need(large ? "co64" : "stco"));
        long[] offsets = new long[table.getInt()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = large ? table.getLong() : table.getInt() & 0xFFFFFFFFL;
        }
        return offsets;
    }

    /** Expands a (count, value) run-length table of {@code n} samples. */
    private static int[] runs(ByteBuffer table, int n, boolean signed) throws IOException {
        int[] values = new int[n];
        int entries = table.getInt();
        int i = 0;
        for (int e = 0; e < entries; e++) {
            int times = table.getInt();
            int value = table.getInt();
            if (!signed && value < 0) {
                throw new IOException("A sample lasts longer than this join supports");
            }
            for (int t = 0; t < times && i < n; t++) {
                values[i++] = value;
            }
        }
        if (i != n) {
            throw new IOException("A time table covers " + i + " of " + n + " samples");
        }
        return values;
    }

    /** A full box's payload past its version and flags. */
    private static ByteBuffer body(Mp4Box box) {
        return ByteBuffer.wrap(box.payload, 4, box.payload.length - 4).slice();
    }

    /**
     * Writes the tables into {@code stbl} (keeping its sample descriptions), with every offset {@code base} further
     * on. Contiguous samples share a chunk, as the encoder's muxer had them.
     */
    void writeTo(Mp4Box stbl, long base, boolean largeOffsets) {
        stbl.replace("stts", Mp4Box.leaf("stts", runTable(durations, 0)));
        boolean signed = false;
        boolean any = false;
        for (int i = 0; i < count; i++) {
            signed |= compositions[i] < 0;
            any |= compositions[i] != 0;
        }
        stbl.replace("ctts", any || stbl.child("ctts").isPresent()
                ? Mp4Box.leaf("ctts", runTable(compositions, signed ? 1 : 0)) : null);
        if (stbl.child("stss").isPresent()) {
            ByteBuffer stss = fullBox(4 + 4 * count);
            int marks = 0;
            for (int i = 0; i < count; i++) {
                if (syncs[i]) {
                    marks++;
                }
            }
            stss.putInt(marks);
            for (int i = 0; i < count; i++) {
                if (syncs[i]) {
                    stss.putInt(i + 1);
                }
            }
            stbl.replace("stss", Mp4Box.leaf("stss", trimmed(stss)));
        }
        writeChunks(stbl, base, largeOffsets);
        ByteBuffer stsz = fullBox(8 + 4 * count);
        stsz.putInt(0).putInt(count);
        for (int i = 0; i < count; i++) {
            stsz.putInt(sizes[i]);
        }
        stbl.replace("stsz", Mp4Box.leaf("stsz", trimmed(stsz)));
        // A sample-to-group map counts samples: one group for all of them (AAC's roll distance), or none.
        if (stbl.child("sbgp").isPresent() && stbl.child("sgpd").isPresent()) {
            byte[] old = stbl.child("sbgp").get().payload;
            // Version, flags and grouping type; version 1 adds the grouping type's parameter.
            int kept = old[0] == 1 ? 12 : 8;
            ByteBuffer sbgp = ByteBuffer.allocate(kept + 12).put(old, 0, kept);
            sbgp.putInt(1).putInt(count).putInt(1);
            stbl.replace("sbgp", Mp4Box.leaf("sbgp", sbgp.array()));
        } else {
            stbl.replace("sbgp", null);
            stbl.replace("sgpd", null);
        }
    }

    private void writeChunks(Mp4Box stbl, long base, boolean largeOffsets) {
        long[] chunkStarts = new long[count];
        int[] chunkSamples = new int[count];
        int chunks = 0;
        for (int i = 0; i < count; i++) {
            if (chunks > 0 && offsets[i] == offsets[i - 1] + sizes[i - 1]) {
                chunkSamples[chunks - 1]++;
            } else {
                chunkStarts[chunks] = offsets[i] + base;
                chunkSamples[chunks] = 1;
                chunks++;
            }
        }
        ByteBuffer stsc = fullBox(4 + 12 * chunks);
        int runs = 0;
        stsc.putInt(0);
        for (int c = 0; c < chunks; c++) {
            if (c == 0 || chunkSamples[c] != chunkSamples[c - 1]) {
                stsc.putInt(c + 1).putInt(chunkSamples[c]).putInt(1);
                runs++;
            }
        }
        stsc.putInt(4, runs);
        stbl.replace("stsc", Mp4Box.leaf("stsc", trimmed(stsc)));
        ByteBuffer offsetTable = fullBox(4 + (largeOffsets ? 8 : 4) * chunks);
        offsetTable.putInt(chunks);
        for (int c = 0; c < chunks; c++) {
            if (largeOffsets) {
                offsetTable.putLong(chunkStarts[c]);
            } else {
                offsetTable.putInt((int) chunkStarts[c]);
            }
        }
        stbl.replace(largeOffsets ? "stco" : "co64", null);
        stbl.replace(largeOffsets ? "co64" : "stco", Mp4Box.leaf(largeOffsets ? "co64" : "stco",
                trimmed(offsetTable)));
    }

    private byte[] runTable(int[] values, int version) {
        ByteBuffer table = fullBox(4 + 8 * count);
        table.put(0, (byte) version);
        table.putInt(0);
        int runs = 0;
        int i = 0;
        while (i < count) {
            int j = i;
            while (j < count && values[j] == values[i]) {
                j++;
            }
            table.putInt(j - i).putInt(values[i]);
            runs++;
            i = j;
        }
        table.putInt(4, runs);
        return trimmed(table);
    }

    /** A buffer for a full box's payload: version and flags zero, then {@code bytes} to fill. */
    private static ByteBuffer fullBox(int bytes) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + bytes);
        buffer.putInt(0);
        return buffer;
    }

    private static byte[] trimmed(ByteBuffer buffer) {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }
}
