package dev.montazz.merge.render;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.montazz.merge.MergeProperties;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Renders takes one after another into an MP4 (H.264 + AAC, faststart) with JavaCV. Frames keep the timestamps the
 * browser recorded (recordings are variable frame rate), placed on the film's constant frame-rate grid; audio is padded
 * with silence wherever a take has none, so sound stays in sync with picture across takes.
 */
@Component
class SequenceRenderer {

    private static final Logger log = LoggerFactory.getLogger(SequenceRenderer.class);
    private static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 2;

    private final int frameRate;

    SequenceRenderer(MergeProperties properties) {
        this.frameRate = properties.frameRate();
    }

    record Result(List<Render.Shot> shots, List<String> problems) {
    }

    Result render(List<ShotInput> inputs, Path output) throws FrameRecorder.Exception {
        List<String> problems = new ArrayList<>();
        int[] canvas = canvas(inputs, problems);
        List<Render.Shot> shots = new ArrayList<>();
        if (canvas == null) {
            return new Result(shots, problems);
        }
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toFile(), canvas[0], canvas[1], CHANNELS)) {
            configure(recorder);
            recorder.start();
            Timeline timeline = new Timeline(recorder);
            for (ShotInput input : inputs) {
                long start = timeline.offsetUs;
                long length = renderShot(input, recorder, timeline, canvas, problems);
                if (length > 0) {
                    shots.add(new Render.Shot(input.takeId(), input.contributor(), start / 1e6, length / 1e6));
                    timeline.advance(length);
                }
            }
            recorder.stop();
        }
        return new Result(shots, problems);
    }

    private void configure(FFmpegFrameRecorder recorder) {
        recorder.setFormat("mp4");
        recorder.setVideoCodec(AV_CODEC_ID_H264);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(frameRate);
        recorder.setGopSize(frameRate * 2);
        recorder.setVideoOption("preset", "veryfast");
        recorder.setVideoOption("crf", "23");
        recorder.setAudioCodec(AV_CODEC_ID_AAC);
        recorder.setSampleRate(SAMPLE_RATE);
        recorder.setAudioBitrate(128_000);
        // The index goes first so a browser can start playing and seeking before the whole file has arrived.
        recorder.setOption("movflags", "+faststart");
    }

    /** The film's size: the first readable take's, rounded to even numbers as H.264 needs. */
    private static int[] canvas(List<ShotInput> inputs, List<String> problems) {
        for (ShotInput input : inputs) {
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input.file().toFile())) {
                grabber.start();
                if (grabber.getImageWidth() > 0 && grabber.getImageHeight() > 0) {
                    return new int[] {grabber.getImageWidth() & ~1, grabber.getImageHeight() & ~1};
                }
            } catch (FrameGrabber.Exception e) {
                log.info("Take {} cannot be opened: {}", input.takeId(), e.getMessage());
            }
        }
        problems.add("No take has readable video");
        return null;
    }

    /** Renders one take; returns its length in the film (0 if nothing of it could be used). */
    private long renderShot(ShotInput input, FFmpegFrameRecorder recorder, Timeline timeline, int[] canvas,
            List<String> problems) {
        long end = 0;
        int frames = 0;
        String damage = null;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input.file().toFile())) {
            grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
            // One sample format for every take and for the silence between them: the recorder's resampler is set up
            // once. Switching formats mid-film (Opus floats, then padding) corrupted native memory.
            grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
            grabber.setSampleRate(SAMPLE_RATE);
            grabber.setAudioChannels(CHANNELS);
            grabber.start();
            try (FFmpegFrameFilter letterbox = letterbox(grabber, canvas)) {
                Long first = null;
                Frame frame;
                while ((frame = grabber.grab()) != null) {
                    first = first == null ? frame.timestamp : first;
                    long at = Math.max(0, frame.timestamp - first);
                    if (frame.image != null) {
                        if (timeline.video(at, letterbox == null ? frame : filtered(letterbox, frame))) {
                            frames++;
                        }
                        end = Math.max(end, at + 1_000_000L / frameRate);
                    } else if (frame.samples != null) {
                        end = Math.max(end, at + timeline.audio(at, frame));
                    }
                }
            }
        } catch (FrameGrabber.Exception | FrameFilter.Exception | FrameRecorder.Exception e) {
            damage = e.getMessage();
        }
        if (frames == 0) {
            problems.add("Take by " + input.contributor() + " has no readable video and was skipped"
                    + (damage == null ? "" : " (" + damage + ")"));
            return 0;
        }
        if (damage != null) {
            problems.add("Take by " + input.contributor() + " is damaged after " + String.format("%.1f", end / 1e6)
                    + " s; the rest of it was left out (" + damage + ")");
        }
        return end;
    }

    private FFmpegFrameFilter letterbox(FFmpegFrameGrabber grabber, int[] canvas) throws FrameFilter.Exception {
        if (grabber.getImageWidth() == canvas[0] && grabber.getImageHeight() == canvas[1]) {
            return null;
        }
        String w = String.valueOf(canvas[0]);
        String h = String.valueOf(canvas[1]);
        FFmpegFrameFilter filter = new FFmpegFrameFilter("scale=" + w + ":" + h
                + ":force_original_aspect_ratio=decrease,pad=" + w + ":" + h + ":(ow-iw)/2:(oh-ih)/2,setsar=1",
                grabber.getImageWidth(), grabber.getImageHeight());
        filter.setPixelFormat(AV_PIX_FMT_YUV420P);
        filter.start();
        return filter;
    }

    private static Frame filtered(FFmpegFrameFilter filter, Frame frame) throws FrameFilter.Exception {
        filter.push(frame, AV_PIX_FMT_YUV420P);
        return filter.pull();
    }

    /** Direct, like the decoder's own buffers, so JavaCPP hands FFmpeg the memory as it is. */
    private static ShortBuffer silence(int samplesPerChannel) {
        return ByteBuffer.allocateDirect(samplesPerChannel * CHANNELS * Short.BYTES).order(ByteOrder.nativeOrder())
                .asShortBuffer();
    }

    /** Where the film is: the offset of the current take, and how much audio has been written. */
    private final class Timeline {
        private final FFmpegFrameRecorder recorder;
        private long offsetUs;
        private long samplesWritten;

        Timeline(FFmpegFrameRecorder recorder) {
            this.recorder = recorder;
        }

        /** Places a picture at its recorded time; frames that fall on an already filled slot are dropped. */
        boolean video(long atUs, Frame frame) throws FrameRecorder.Exception {
            if (frame == null) {
                return false;
            }
            int slot = (int) Math.round((offsetUs + atUs) * frameRate / 1e6);
            if (slot < recorder.getFrameNumber()) {
                return false;
            }
            recorder.setFrameNumber(slot);
            recorder.record(frame, AV_PIX_FMT_YUV420P);
            return true;
        }

        /**
         * Writes samples (S16 stereo at 48 kHz, as every grabber delivers them), after silence if they start later
         * than the audio written so far; returns their length.
         */
        long audio(long atUs, Frame frame) throws FrameRecorder.Exception {
            padTo(offsetUs + atUs);
            ShortBuffer samples = (ShortBuffer) frame.samples[0];
            int perChannel = samples.remaining() / CHANNELS;
            recorder.recordSamples(SAMPLE_RATE, CHANNELS, samples);
            samplesWritten += perChannel;
            return perChannel * 1_000_000L / SAMPLE_RATE;
        }

        void advance(long lengthUs) throws FrameRecorder.Exception {
            offsetUs += lengthUs;
            padTo(offsetUs);
        }

        private void padTo(long timeUs) throws FrameRecorder.Exception {
            long missing = timeUs * SAMPLE_RATE / 1_000_000L - samplesWritten;
            // Under 20 ms of drift is inaudible and not worth a discontinuity.
            if (missing < SAMPLE_RATE / 50) {
                return;
            }
            while (missing > 0) {
                int n = (int) Math.min(missing, SAMPLE_RATE / 10);
                recorder.recordSamples(SAMPLE_RATE, CHANNELS, silence(n));
                samplesWritten += n;
                missing -= n;
            }
        }
    }
}
