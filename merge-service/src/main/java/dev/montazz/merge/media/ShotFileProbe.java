package dev.montazz.merge.media;

import java.nio.file.Path;
import java.time.Duration;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether an uploaded file can be a shot, by reading it, never by its name: a WebM, Matroska, MP4 or MOV with a
 * picture FFmpeg decodes, at least half a second long and no longer than the montage's longest shot. The rest (frame
 * rate, size, sound or none) the normaliser takes as it comes, as it does with a recorded take.
 */
public final class ShotFileProbe {

    /**
     * What a readable video is.
     *
     * @param container {@code webm} or {@code mp4}, as a take's container is named
     */
    public record Facts(String container, double seconds, int width, int height, boolean sound) {
    }

    /** The file cannot be a shot; the reason is for the person who uploaded it. */
    public static final class NotAShot extends Exception {
        public NotAShot(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ShotFileProbe.class);

    /** FFmpeg's demuxers of the formats offered; no other. */
    private static final String FORMATS = "matroska,webm,mov,mp4,m4a,3gp,3g2,mj2";
    private static final String OFFERED = "WebM, MP4 or MOV";
    private static final double SHORTEST_SECONDS = 0.5;

    private ShotFileProbe() {
    }

    /** @param longest the longest shot of the montage */
    public static Facts probe(Path file, Duration longest) throws NotAShot {
        try (FFmpegFrameGrabber grabber = FilmFormat.uploadDecoder(file, FORMATS)) {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception unreadable) {
                log.info("An upload is not a video file FFmpeg reads: {}", unreadable.getMessage());
                throw new NotAShot("This is not a video file we can read. Upload " + OFFERED);
            }
            if (!grabber.hasVideo()) {
                throw new NotAShot("This file holds no picture. Upload a video (" + OFFERED + ")");
            }
            String format = grabber.getFormatContext().iformat().name().getString();
            String container = format.contains("webm") || format.contains("matroska") ? "webm" : "mp4";
            int width = grabber.getImageWidth();
            int height = grabber.getImageHeight();
            boolean sound = grabber.hasAudio();
            long longestUs = longest.toNanos() / 1000;
            long lengthUs = grabber.getLengthInTime();
            Frame picture = grabber.grabImage();
            if (picture == null) {
                throw new NotAShot("No picture in this file could be read. Upload another video (" + OFFERED + ")");
            }
            if (lengthUs <= 0) {
                // Recorded by a browser, a WebM tells no length: read its pictures, no further than is allowed.
                long first = picture.timestamp;
                lengthUs = 0;
                while ((picture = grabber.grabImage()) != null && lengthUs <= longestUs) {
                    lengthUs = picture.timestamp - first;
                }
            }
            double seconds = lengthUs / 1e6;
            if (lengthUs > longestUs + 500_000) {
                throw new NotAShot("This video is " + clock(seconds) + " long, and shots of this montage are at most "
                        + clock(longest.toSeconds()) + ": trim it and upload it again");
            }
            if (seconds < SHORTEST_SECONDS) {
                throw new NotAShot("This video is too short to be a shot: upload one of at least a second");
            }
            return new Facts(container, seconds, width, height, sound);
        } catch (FrameGrabber.Exception damaged) {
            log.info("An uploaded video cannot be read through: {}", damaged.getMessage());
            throw new NotAShot("This video is damaged and cannot be read. Upload it again, or another one");
        }
    }

    private static String clock(double seconds) {
        long whole = Math.round(seconds);
        return whole / 60 + ":" + String.format("%02d", whole % 60);
    }
}
