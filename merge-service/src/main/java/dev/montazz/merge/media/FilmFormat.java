package dev.montazz.merge.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;

import dev.montazz.merge.MergeProperties;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one encoding every normalised take and title card gets. Identical settings give identical H.264 parameter sets
 * and AAC configurations, which is what lets a film be joined from them by copying packets.
 */
@Component
class FilmFormat {

    static final int SAMPLE_RATE = 48_000;
    static final int CHANNELS = 2;
    /**
     * FFmpeg's own AAC encoder searches less with "fast" than with its default ("twoloop") and encodes about twice as
     * fast, which is most of what re-mixing a film's sound under music costs; at 128 kb/s the difference is not
     * heard. The stream's configuration is the same, so takes of either join by packet copy.
     */
    private static final String AAC_CODER = "fast";

    /**
     * How x264 encodes: the settings every take is made with (changing them changes the streams' parameter sets, so
     * takes made before would no longer join by packet copy: a change goes with a new {@code Take.NORMALISED_VERSION}).
     * Other values are for the benchmark that weighs them.
     *
     * @param tune x264's tune, or null for none
     * @param threads x264's threads; 0 for its own choice (one and a half per core)
     * @param crf x264's constant rate factor: the quality aimed at (lower is better and bigger)
     */
    record X264(String preset, String tune, int threads, int crf) {

        static final X264 FILMS = new X264("veryfast", null, 0, 23);
    }

    private final MergeProperties.Film film;
    private final X264 x264;

    @Autowired
    FilmFormat(MergeProperties properties) {
        this(properties, X264.FILMS);
    }

    FilmFormat(MergeProperties properties, X264 x264) {
        this.film = properties.film();
        this.x264 = x264;
    }

    int width() {
        return film.width() & ~1;
    }

    int height() {
        return film.height() & ~1;
    }

    int frameRate() {
        return film.frameRate();
    }

    MergeProperties.Film film() {
        return film;
    }

    /** Audio samples that last exactly as long as {@code frames} pictures. */
    long samplesFor(long frames) {
        return frames * SAMPLE_RATE / film.frameRate();
    }

    /** An H.264 + AAC MP4 encoder; not started. */
    FFmpegFrameRecorder encoder(Path output) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toFile(), width(), height(), CHANNELS);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(AV_CODEC_ID_H264);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(film.frameRate());
        // A keyframe every 2 s bounds how far a player has to decode after a seek.
        recorder.setGopSize(film.frameRate() * 2);
        recorder.setVideoOption("preset", x264.preset());
        if (x264.tune() != null) {
            recorder.setVideoOption("tune", x264.tune());
        }
        if (x264.threads() > 0) {
            recorder.setVideoOption("threads", String.valueOf(x264.threads()));
        }
        recorder.setVideoOption("crf", String.valueOf(x264.crf()));
        recorder.setAudioCodec(AV_CODEC_ID_AAC);
        recorder.setSampleRate(SAMPLE_RATE);
        recorder.setAudioBitrate(128_000);
        recorder.setAudioOption("aac_coder", AAC_CODER);
        return recorder;
    }

    /** An AAC encoder of sound alone, set as {@link #encoder}'s, so its packets can join a film's; not started. */
    static FFmpegFrameRecorder soundEncoder(Path output) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toFile(), CHANNELS);
        recorder.setFormat("mp4");
        recorder.setAudioCodec(AV_CODEC_ID_AAC);
        recorder.setSampleRate(SAMPLE_RATE);
        recorder.setAudioBitrate(128_000);
        recorder.setAudioOption("aac_coder", AAC_CODER);
        return recorder;
    }

    /**
     * A decoder (not started) delivering pictures as YUV 4:2:0 and sound as S16 stereo at 48 kHz, whatever the file
     * holds. One sample format everywhere, silence included: switching formats inside one recorder corrupted native
     * memory.
     */
    static FFmpegFrameGrabber decoder(Path file) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
        grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
        grabber.setSampleRate(SAMPLE_RATE);
        grabber.setAudioChannels(CHANNELS);
        return grabber;
    }

    /**
     * A {@link #decoder} reading a stream as it comes, never seeking back in it (so nothing of it is held in memory
     * for a seek); the stream is the caller's to close.
     */
    static FFmpegFrameGrabber streamDecoder(java.io.InputStream stream) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(stream, 0);
        grabber.setCloseInputStream(false);
        grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
        grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
        grabber.setSampleRate(SAMPLE_RATE);
        grabber.setAudioChannels(CHANNELS);
        return grabber;
    }

    /**
     * A {@link #decoder} for a file someone uploaded: FFmpeg may read it only with these demuxers and only as a local
     * file, so no playlist or other container can make it open anything else.
     */
    static FFmpegFrameGrabber uploadDecoder(Path file, String demuxers) {
        FFmpegFrameGrabber grabber = decoder(file);
        grabber.setOption("format_whitelist", demuxers);
        grabber.setOption("protocol_whitelist", "file");
        return grabber;
    }

    /** Direct, like the decoder's own buffers, so JavaCPP hands FFmpeg the memory as it is. */
    static ShortBuffer silence(int samplesPerChannel) {
        return ByteBuffer.allocateDirect(samplesPerChannel * CHANNELS * Short.BYTES).order(ByteOrder.nativeOrder())
                .asShortBuffer();
    }
}
