package dev.montazz.contract;

import java.util.List;

/** The GridFS buckets, all written by merge-service; the portal reads films and stills, and a person's archive. */
public final class GridFsBuckets {

    /** Films (MP4), named by a render. */
    public static final String VIDEOS = "videos";
    /** JPEG stills of films and takes. */
    public static final String THUMBNAILS = "thumbnails";
    /** Takes in the film's format, ready to be joined by packet copy. */
    public static final String NORMALISED = "normalised";

    /** Music beds as uploaded (MP3, AAC, Opus, Vorbis, WAV or FLAC); only merge reads them. */
    public static final String MUSIC = "music";

    public static final List<String> ALL = List.of(VIDEOS, THUMBNAILS, NORMALISED, MUSIC);

    private GridFsBuckets() {
    }
}
