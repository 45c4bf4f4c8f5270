package dev.montazz.ingest.usage;

import java.util.Locale;

/**
 * Byte counts as people read them: "740 MB", "1.9 GB". Units of 1024, as Spring's {@code DataSize} settings count
 * them, so a quota set as {@code 2GB} reads "2.0 GB".
 */
public final class DataSizes {

    private static final long KB = 1024;
    private static final long MB = KB * 1024;
    private static final long GB = MB * 1024;

    private DataSizes() {
    }

    public static String words(long bytes) {
        if (bytes < MB) {
            return Math.max(0, bytes / KB) + " kB";
        }
        if (bytes < GB) {
            return bytes / MB + " MB";
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / (double) GB);
    }
}
