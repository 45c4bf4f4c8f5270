package dev.montazz.live;

import java.util.ArrayList;
import java.util.List;

import dev.montazz.contract.chunk.Container;

/**
 * Where a player can start: the offsets of WebM Clusters (the studio asks its recorder for a keyframe every second,
 * and MediaRecorder opens a Cluster with each) or of fragmented MP4's {@code moof} boxes. Chunks are time slices, not
 * segments: a chunk holds the start of a segment somewhere inside, and the first chunk's bytes before its first segment
 * are the take's initialisation segment.
 */
final class SegmentStarts {

    private static final int CLUSTER_ID = 0x1F43B675;
    private static final int CLUSTER_TIMECODE = 0xE7;

    private SegmentStarts() {
    }

    static List<Integer> in(Container container, byte[] data) {
        return container == Container.MP4 ? moofs(data) : clusters(data);
    }

    /**
     * A Cluster's ID, then a size (MediaRecorder writes "unknown", eight bytes), then its Timecode: checking the
     * Timecode too keeps four random bytes of picture data from passing for a Cluster.
     */
    private static List<Integer> clusters(byte[] data) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 4 < data.length; i++) {
            if (readInt(data, i) != CLUSTER_ID) {
                continue;
            }
            int sizeLength = Integer.numberOfLeadingZeros(data[i + 4] & 0xFF) - 23;
            int child = i + 4 + sizeLength;
            if (sizeLength >= 1 && sizeLength <= 8 && (child >= data.length
                    || (data[child] & 0xFF) == CLUSTER_TIMECODE)) {
                starts.add(i);
            }
        }
        return starts;
    }

    private static List<Integer> moofs(byte[] data) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 8 <= data.length; i++) {
            if (data[i + 4] == 'm' && data[i + 5] == 'o' && data[i + 6] == 'o' && data[i + 7] == 'f'
                    && readInt(data, i) >= 8) {
                starts.add(i);
            }
        }
        return starts;
    }

    private static int readInt(byte[] data, int at) {
        return (data[at] & 0xFF) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8 | data[at + 3] & 0xFF;
    }
}
