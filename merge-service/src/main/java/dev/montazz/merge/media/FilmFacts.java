package dev.montazz.merge.media;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/** What a rendered film really is, read back from the file rather than assumed from the settings. */
public record FilmFacts(double durationSeconds, int width, int height, String videoCodec, String audioCodec, long sizeBytes) {

    public static FilmFacts of(Path film) throws java.io.IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(film.toFile())) {
            grabber.start();
            return new FilmFacts(grabber.getLengthInTime() / 1e6, grabber.getImageWidth(), grabber.getImageHeight(),
                    grabber.getVideoCodecName(), grabber.getAudioCodecName(), Files.size(film));
        } catch (FrameGrabber.Exception e) {
            throw new java.io.IOException("The rendered film cannot be read back: " + e.getMessage(), e);
        }
    }
}
