package dev.montazz.portal.video;

import java.text.Normalizer;

/** Names every file system accepts, made from titles people typed: for downloads and archives. */
public final class FileNames {

    private FileNames() {
    }

    /** Letters of any alphabet, digits, spaces, dots and dashes; anything else becomes "_"; never empty. */
    public static String stem(String title) {
        String base = title == null ? "montage" : title;
        String safe = Normalizer.normalize(base, Normalizer.Form.NFC).replaceAll("[^\\p{L}\\p{N} ._-]+", "_")
                .replaceAll("^[ ._]+|[ ._]+$", "").strip();
        return safe.isEmpty() ? "montage" : safe;
    }
}
