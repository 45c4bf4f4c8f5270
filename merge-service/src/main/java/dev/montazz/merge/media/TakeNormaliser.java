package dev.montazz.merge.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

import dev.montazz.contract.montage.Framing;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns one assembled browser recording into a take in the film's format: letterboxed to the film's size, constant
 * frame rate, S16 stereo 48 kHz audio as long as the picture (silence where there was none) at the film's loudness
 * (EBU R128, -16 LUFS, measured on the recording first), the contributor's name as a lower-third caption over the
 * first seconds. Done once per take, as soon as it ends, so a film is then only a
 * concatenation.
 */
@Component
public class TakeNormaliser {

    private static final Logger log = LoggerFactory.getLogger(TakeNormaliser.class);

    private final FilmFormat format;
    private final Fonts fonts;

    TakeNormaliser(FilmFormat format, Fonts fonts) {
        this.format = format;
        this.fonts = fonts;
    }

    /**
     * @param seconds length of the normalised take; 0 when nothing of it could be used (then there is no output)
     * @param problems what was wrong with the recording, in words a person can read
     */
    public record Result(double seconds, List<String> problems) {
        public boolean usable() {
            return seconds > 0;
        }
    }

    /**
     * A part of a recording, in seconds from its first frame; the caption shows over the first seconds of the part.
     */
    public record Span(double startSeconds, double endSeconds) {

        public static final Span WHOLE = new Span(0, Double.MAX_VALUE);

        long startMicros() {
            return (long) (startSeconds * 1_000_000);
        }

        long endMicros() {
            return endSeconds >= Long.MAX_VALUE / 1_000_000.0 ? Long.MAX_VALUE : (long) (endSeconds * 1_000_000);
        }
    }

    /** @param progress told how many seconds of the recording have been processed, now and then */
    public Result normalise(Path recording, String contributor, Path output, DoubleConsumer progress) throws IOException {
        return normalise(recording, contributor, Span.WHOLE, Framing.BARS, output, progress);
    }

    /**
     * @param span the part of the recording to keep: {@link Span#WHOLE}, or a shot the owner trimmed
     * @param framing how a take of another shape than the film's fills the frame
     */
    public Result normalise(Path recording, String contributor, Span span, Framing framing, Path output,
            DoubleConsumer progress) throws IOException {
        return normalise(recording, contributor, span, framing, output, progress, 0);
    }

    /**
     * A part of a take already in the film's format, for a take whose recording is no longer kept. Its caption is
     * part of its picture already: it is drawn again only past where the copy's own ends, so the part still opens on
     * the contributor's name for as long as any take does, and never on two names laid over each other.
     */
    public Result trimNormalised(Path normalisedTake, String contributor, Span span, Path output,
            DoubleConsumer progress) throws IOException {
        return normalise(normalisedTake, contributor, span, Framing.BARS, output, progress,
                (long) (format.film().captionSeconds() * 1_000_000));
    }

    /**
     * A recorded take read as it is being recorded, from a stream of its chunks in order that ends when the take
     * does. Its sound is levelled as it comes ({@link RunningLeveller}), since its loudness is only known at its end.
     * The output is whole only when this returns: a caller keeps it only then.
     *
     * @param name the take's name, for the log
     */
    public Result normaliseAsRecorded(InputStream recording, String name, String contributor, Framing framing,
            Path output) throws IOException {
        FFmpegFrameGrabber grabber = FilmFormat.streamDecoder(recording);
        return normalise(grabber, name, contributor, Span.WHOLE, framing, output, seconds -> {
        }, 0, hasAudio -> new RunningLeveller());
    }

    /** @param captionedUntilUs where the input's own caption ends, in its time; 0 for a recording (none) */
    private Result normalise(Path recording, String contributor, Span span, Framing framing, Path output,
            DoubleConsumer progress, long captionedUntilUs) throws IOException {
        return normalise(FilmFormat.decoder(recording), recording.getFileName().toString(), contributor, span,
                framing, output, progress, captionedUntilUs,
                hasAudio -> SoundLeveller.forLoudness(hasAudio ? loudness(recording) : Double.NaN));
    }

    /** @param levellers the leveller for the take's sound, told whether it has any */
    private Result normalise(FFmpegFrameGrabber decoder, String name, String contributor, Span span, Framing framing,
            Path output, DoubleConsumer progress, long captionedUntilUs, Function<Boolean, Leveller> levellers)
            throws IOException {
        List<String> problems = new ArrayList<>();
        Path caption = Files.writeString(output.resolveSibling(output.getFileName() + ".caption.txt"), contributor,
                StandardCharsets.UTF_8);
        try (FFmpegFrameGrabber grabber = decoder) {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                // What FFmpeg says names files and codecs: for the log, not for the people reading the montage.
                log.warn("Take {} by {} cannot be opened: {}", name, contributor, e.getMessage());
                problems.add("The take by " + contributor + " cannot be read as video and was left out; "
                        + contributor + " can record it again");
                return new Result(0, problems);
            }
            if (!grabber.hasVideo()) {
                problems.add("The take by " + contributor + " has no picture and was left out");
                return new Result(0, problems);
            }
            if (!grabber.hasAudio()) {
                problems.add("The take by " + contributor + " has no sound; it plays silent");
            }
            Leveller leveller = levellers.apply(grabber.hasAudio());
            Writer writer = new Writer(format.encoder(output), caption, leveller, framing,
                    upright(grabber.getDisplayRotation()));
            try {
                String damage = writer.copy(grabber, span, captionedUntilUs, progress);
                if (damage != null) {
                    log.warn("Take {} by {} is damaged after {} frames: {}", name, contributor, writer.frames,
                            damage);
                }
                if (writer.frames == 0) {
                    problems.add("The take by " + contributor + " has no readable picture and was left out; "
                            + contributor + " can record it again");
                    return new Result(0, problems);
                }
                if (damage != null) {
                    problems.add(String.format("The take by %s is damaged after %.1f s; the rest of it was left out",
                            contributor, writer.frames / (double) format.frameRate()));
                }
                return new Result(writer.finish() / (double) format.frameRate(), problems);
            } finally {
                writer.close();
            }
        } finally {
            Files.deleteIfExists(caption);
        }
    }

    /**
     * Filters that turn a picture stored sideways the way it is meant to be seen. Phones film in their sensor's
     * orientation and only mark how the picture is to be turned (the display matrix); FFmpeg's command line turns it,
     * JavaCV's grabber hands the frames over as stored. A browser's recording carries no such mark.
     *
     * @param rotation the display matrix's angle, counter-clockwise in degrees, as JavaCV reads it
     */
    static String upright(double rotation) {
        long turn = Math.floorMod(Math.round(-rotation / 90.0), 4L);
        return switch ((int) turn) {
            case 1 -> "transpose=clock,";
            case 2 -> "hflip,vflip,";
            case 3 -> "transpose=cclock,";
            default -> "";
        };
    }

    /**
     * The recording's integrated loudness, from its sound alone (decoding sound is quick next to the picture); NaN
     * when it cannot be read, and the take keeps its level.
     */
    private static double loudness(Path recording) {
        Loudness meter = new Loudness();
        try (FFmpegFrameGrabber sound = FilmFormat.decoder(recording)) {
            sound.start();
            Frame frame;
            while ((frame = sound.grabSamples()) != null) {
                if (frame.samples != null) {
                    meter.add((ShortBuffer) frame.samples[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.info("The sound of {} could not be measured, its level is kept: {}", recording.getFileName(),
                    e.getMessage());
            return Double.NaN;
        }
        return meter.integrated();
    }

    /**
     * Places decoded frames on the film's frame grid and keeps sound in step with them; the encoding itself runs on
     * the {@link Encoder}'s thread.
     */
    private final class Writer implements AutoCloseable {

        private final FFmpegFrameRecorder recorder;
        private final Path caption;
        private final Leveller leveller;
        private final Framing framing;
        private final String upright;
        private Encoder encoder;
        private FFmpegFrameFilter plain;
        private FFmpegFrameFilter captioned;
        private int inputWidth;
        private int inputHeight;
        private Encoder.Picture last;
        private long frames;
        private long samples;

        /** @param upright filters that turn the picture as it is meant to be seen (with a trailing comma), or "" */
        Writer(FFmpegFrameRecorder recorder, Path caption, Leveller leveller, Framing framing, String upright) {
            this.upright = upright;
            this.recorder = recorder;
            this.caption = caption;
            this.leveller = leveller;
            this.framing = framing;
        }

        /**
         * Copies the span of the recording; returns why it stopped early, or null when it was read to the span's end.
         * Times are counted from the recording's first frame, and in the take from the span's start.
         */
        String copy(FFmpegFrameGrabber grabber, Span span, long captionedUntilUs, DoubleConsumer progress)
                throws IOException {
            encoder = new Encoder(recorder);
            long captionUs = (long) (format.film().captionSeconds() * 1_000_000);
            long from = span.startMicros();
            long to = span.endMicros();
            Long first = null;
            long reported = 0;
            try {
                Frame frame;
                while ((frame = grabber.grab()) != null) {
                    first = first == null ? frame.timestamp : first;
                    long recorded = Math.max(0, frame.timestamp - first);
                    if (recorded >= to) {
                        break;
                    }
                    if (frame.image != null && recorded >= from) {
                        long at = recorded - from;
                        picture(frame, at, at < captionUs && recorded >= captionedUntilUs);
                    } else if (frame.samples != null) {
                        sound(frame, recorded, from, to);
                    }
                    long at = Math.max(0, recorded - from);
                    if (at - reported > 500_000) {
                        reported = at;
                        progress.accept(at / 1e6);
                    }
                }
                return null;
            } catch (FrameGrabber.Exception | FrameFilter.Exception e) {
                return e.getMessage();
            }
        }

        private void picture(Frame frame, long atUs, boolean withCaption) throws IOException {
            long slot = Math.round(atUs * format.frameRate() / 1e6);
            if (slot < frames) {
                return; // a second picture for a slot already filled: the recording ran faster than the film
            }
            fillTo(slot);
            FFmpegFrameFilter filter = filterFor(frame, withCaption);
            filter.push(frame, AV_PIX_FMT_YUV420P);
            Frame fitted = filter.pull();
            if (fitted == null) {
                return;
            }
            Encoder.Picture picture = encoder.copy(fitted);
            // Also fills the slots before the very first picture (sound started first) with that picture.
            while (frames <= slot) {
                encoder.video(picture, frames++);
            }
            encoder.release(last);
            last = picture;
        }

        /** Repeats the last picture where the recording had none, so the take is constant frame rate. */
        private void fillTo(long slot) throws IOException {
            while (last != null && frames < slot) {
                encoder.video(last, frames++);
            }
        }

        /** Sound recorded at {@code recordedUs}, less what lies outside the span (to the sample). */
        private void sound(Frame frame, long recordedUs, long fromUs, long toUs) throws IOException {
            ShortBuffer buffer = ((ShortBuffer) frame.samples[0]).duplicate();
            long skip = (fromUs - recordedUs) * FilmFormat.SAMPLE_RATE / 1_000_000L;
            if (skip > 0) {
                buffer.position(Math.min(buffer.limit(), buffer.position() + (int) skip * FilmFormat.CHANNELS));
            }
            long startUs = Math.max(recordedUs, fromUs);
            if (toUs != Long.MAX_VALUE) {
                long keep = (toUs - startUs) * FilmFormat.SAMPLE_RATE / 1_000_000L;
                buffer.limit(Math.max(buffer.position(),
                        (int) Math.min(buffer.limit(), buffer.position() + keep * FilmFormat.CHANNELS)));
            }
            if (!buffer.hasRemaining()) {
                return;
            }
            padTo((startUs - fromUs) * FilmFormat.SAMPLE_RATE / 1_000_000L, FilmFormat.SAMPLE_RATE / 50);
            samples += buffer.remaining() / FilmFormat.CHANNELS;
            levelled(buffer.slice());
        }

        private void levelled(ShortBuffer buffer) throws IOException {
            ShortBuffer out = leveller.level(buffer);
            if (out.hasRemaining()) {
                encoder.audio(out);
            }
        }

        /** Silence up to {@code target} samples, unless less than {@code tolerance} are missing (inaudible drift). */
        private void padTo(long target, long tolerance) throws IOException {
            long missing = target - samples;
            if (missing < Math.max(1, tolerance)) {
                return;
            }
            while (missing > 0) {
                int n = (int) Math.min(missing, FilmFormat.SAMPLE_RATE / 10);
                levelled(FilmFormat.silence(n));
                samples += n;
                missing -= n;
            }
        }

        /** Picture and sound end together: the take lasts as long as the longer of the two. */
        long finish() throws IOException {
            long soundFrames = (samples * format.frameRate() + FilmFormat.SAMPLE_RATE - 1) / FilmFormat.SAMPLE_RATE;
            fillTo(Math.max(frames, soundFrames));
            padTo(format.samplesFor(frames), 1);
            ShortBuffer rest = leveller.finish();
            if (rest.hasRemaining()) {
                encoder.audio(rest);
            }
            encoder.release(last);
            last = null;
            encoder.finish();
            return frames;
        }

        private FFmpegFrameFilter filterFor(Frame frame, boolean withCaption) throws FrameFilter.Exception {
            // Chrome may change the camera's resolution mid-recording when the machine is busy.
            if (frame.imageWidth != inputWidth || frame.imageHeight != inputHeight) {
                closeFilters();
                inputWidth = frame.imageWidth;
                inputHeight = frame.imageHeight;
            }
            if (withCaption) {
                captioned = captioned != null ? captioned : start(upright + fit() + "," + caption());
                return captioned;
            }
            plain = plain != null ? plain : start(upright + fit());
            return plain;
        }

        private FFmpegFrameFilter start(String graph) throws FrameFilter.Exception {
            FFmpegFrameFilter filter = new FFmpegFrameFilter(graph, inputWidth, inputHeight);
            filter.setPixelFormat(AV_PIX_FMT_YUV420P);
            filter.setFrameRate(format.frameRate());
            filter.start();
            return filter;
        }

        /**
         * The picture whole in the film's frame: with black bars, or in front of a copy of itself enlarged to fill the
         * frame and blurred (so a phone held upright fills the screen without losing any of its picture).
         */
        private String fit() {
            int w = format.width();
            int h = format.height();
            String whole = "scale=" + w + ":" + h + ":force_original_aspect_ratio=decrease";
            if (framing == Framing.BLURRED) {
                int blur = Math.max(4, h / 24);
                return "split[bg][fg];[bg]scale=" + w + ":" + h + ":force_original_aspect_ratio=increase,crop=" + w
                        + ":" + h + ",boxblur=" + blur + ":2,eq=brightness=-0.08[blurred];[fg]" + whole
                        + "[front];[blurred][front]overlay=(W-w)/2:(H-h)/2,setsar=1";
            }
            return whole + ",pad=" + w + ":" + h + ":(ow-iw)/2:(oh-ih)/2:color=black,setsar=1";
        }

        /** The name comes from a file, so no character in it can break the filter graph. */
        private String caption() {
            int size = Math.max(12, format.height() / 16);
            return "drawtext=fontfile='" + fonts.boldFile() + "':textfile='" + caption.toAbsolutePath()
                    + "':expansion=none:fontsize=" + size + ":fontcolor=white:box=1:boxcolor=black@0.55"
                    + ":boxborderw=" + size / 2 + ":x=w*0.05:y=h*0.82-th";
        }

        private void closeFilters() throws FrameFilter.Exception {
            if (plain != null) {
                plain.close();
                plain = null;
            }
            if (captioned != null) {
                captioned.close();
                captioned = null;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                closeFilters();
            } finally {
                if (encoder != null) {
                    encoder.close();
                } else {
                    recorder.close();
                }
            }
        }
    }
}
