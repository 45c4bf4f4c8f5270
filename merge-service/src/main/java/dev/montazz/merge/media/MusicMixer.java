package dev.montazz.merge.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleConsumer;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.springframework.stereotype.Component;

/**
 * Lays a music bed under a finished film. Only the sound is made again: the film's sound and the music are decoded,
 * mixed and encoded as one AAC track, then joined with the film's picture by packet copy (chapters kept). The music is
 * brought to its level against the voices (which are at -16 LUFS) from its measured loudness, ducked while someone
 * speaks (a compressor whose side chain is the voices), faded in at the start and out over the film's last seconds,
 * and the sum kept under the film's peak ceiling by the same limiter as the takes.
 */
@Component
public class MusicMixer {

    /**
     * @param loudness the music's integrated loudness (LUFS), as measured when it was kept
     * @param levelDb the owner's level: the music's loudness against the voices'
     */
    public record Bed(Path file, double loudness, double levelDb) {
    }

    static final double FADE_IN_SECONDS = 0.5;
    static final double FADE_OUT_SECONDS = 3;
    /** Voices louder than this (mean square over 10 ms) duck the music; room noise at -16 LUFS stays well below. */
    static final double THRESHOLD_DB = -42;
    static final double RATIO = 4;
    /** The music never goes more than this below its level: a bed, not a gap. */
    static final double DEEPEST_DUCK_DB = 15;
    /** Quiet music is not raised beyond this: past it there is mostly hiss to raise. */
    private static final double MOST_GAIN_DB = 24;

    private static final int RATE = FilmFormat.SAMPLE_RATE;
    private static final double DETECT = coefficient(0.010);
    private static final double ATTACK = coefficient(0.040);
    private static final double RELEASE = coefficient(0.600);
    /** Samples the ducking gain holds for: the attack and release, applied once a block, settle as if sample by sample. */
    private static final int BLOCK = 16;
    private static final double BLOCK_ATTACK = 1 - Math.pow(1 - ATTACK, BLOCK);
    private static final double BLOCK_RELEASE = 1 - Math.pow(1 - RELEASE, BLOCK);
    private static final double NEPERS_PER_DB = Math.log(10) / 20;

    /** @param progress told how many seconds of the film have been mixed, now and then */
    public void mix(Path film, Bed bed, Path output, DoubleConsumer progress) throws IOException {
        Path sound = output.resolveSibling(output.getFileName() + ".sound.m4a");
        try {
            mixSound(film, bed, sound, progress);
            join(film, sound, output);
        } finally {
            Files.deleteIfExists(sound);
        }
    }

    private static void mixSound(Path film, Bed bed, Path sound, DoubleConsumer progress) throws IOException {
        try (FFmpegFrameGrabber voices = FilmFormat.decoder(film);
                FFmpegFrameGrabber music = FilmFormat.decoder(bed.file());
                FFmpegFrameRecorder encoder = FilmFormat.soundEncoder(sound)) {
            voices.start();
            music.start();
            encoder.start();
            Mix mix = new Mix(bed, voices.getLengthInTime() / 1e6, new Samples(music));
            SoundLeveller limiter = SoundLeveller.limiter();
            Frame frame;
            long reported = 0;
            while ((frame = voices.grabSamples()) != null) {
                if (frame.samples == null) {
                    continue;
                }
                ShortBuffer mixed = limiter.level(mix.add((ShortBuffer) frame.samples[0]));
                encoder.recordSamples(RATE, FilmFormat.CHANNELS, mixed);
                if (mix.position - reported > RATE) {
                    reported = mix.position;
                    progress.accept((double) mix.position / RATE);
                }
            }
            encoder.recordSamples(RATE, FilmFormat.CHANNELS, limiter.finish());
            encoder.stop();
        }
    }

    /** The film's picture packets and the mixed sound's packets, in time order, into one MP4. */
    private static void join(Path film, Path sound, Path output) throws IOException {
        try (FFmpegFrameGrabber picture = new FFmpegFrameGrabber(film.toFile());
                FFmpegFrameGrabber mixed = new FFmpegFrameGrabber(sound.toFile())) {
            picture.start();
            mixed.start();
            AVFormatContext reference = picture.getFormatContext();
            int videoIndex = index(reference, AVMEDIA_TYPE_VIDEO);
            int audioIndex = index(reference, AVMEDIA_TYPE_AUDIO);
            AVStream mixedStream = mixed.getFormatContext().streams(index(mixed.getFormatContext(), AVMEDIA_TYPE_AUDIO));
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toFile(), picture.getImageWidth(),
                    picture.getImageHeight(), picture.getAudioChannels())) {
                recorder.setFormat("mp4");
                recorder.setOption("movflags", "+faststart");
                // JavaCV looks each copied packet's time base up in the context it was started with: the film's.
                recorder.start(reference);
                AVPacket video = next(picture, videoIndex);
                double videoAt = seconds(video, reference.streams(videoIndex));
                AVPacket audio = next(mixed, mixedStream.index());
                double audioAt = seconds(audio, mixedStream);
                while (video != null || audio != null) {
                    if (audio == null || video != null && videoAt <= audioAt) {
                        recorder.recordPacket(video);
                        video = next(picture, videoIndex);
                        videoAt = seconds(video, reference.streams(videoIndex));
                    } else {
                        av_packet_rescale_ts(audio, mixedStream.time_base(), reference.streams(audioIndex).time_base());
                        audio.stream_index(audioIndex);
                        recorder.recordPacket(audio);
                        audio = next(mixed, mixedStream.index());
                        audioAt = seconds(audio, mixedStream);
                    }
                }
                Chapters.add(recorder, Chapters.of(reference));
                recorder.stop();
            }
        }
    }

    /** The grabber's next packet of this stream; null at the end. */
    private static AVPacket next(FFmpegFrameGrabber grabber, int stream) throws IOException {
        AVPacket packet;
        while ((packet = grabber.grabPacket()) != null) {
            if (packet.stream_index() == stream) {
                return packet;
            }
        }
        return null;
    }

    private static double seconds(AVPacket packet, AVStream stream) {
        if (packet == null) {
            return Double.POSITIVE_INFINITY;
        }
        long time = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
        return time == AV_NOPTS_VALUE ? 0 : time * av_q2d(stream.time_base());
    }

    private static int index(AVFormatContext context, int type) throws IOException {
        for (int i = 0; i < context.nb_streams(); i++) {
            if (context.streams(i).codecpar().codec_type() == type) {
                return i;
            }
        }
        throw new IOException("The film has no " + (type == AVMEDIA_TYPE_VIDEO ? "picture" : "sound") + " stream");
    }

    /** The one-pole smoothing coefficient that settles within this time. */
    private static double coefficient(double seconds) {
        return 1 - Math.exp(-1 / (seconds * RATE));
    }

    /** The mixing itself, sample by sample; kept apart from the files so it can be reasoned about alone. */
    static final class Mix {

        private final Samples music;
        private final double gain;
        private final long fadeOutFrom;
        private final long end;
        private double voicePower;
        private double duckDb;
        private double musicGain;
        long position;

        Mix(Bed bed, double filmSeconds, Samples music) {
            this.music = music;
            double gainDb = Math.min(MOST_GAIN_DB, SoundLeveller.TARGET_LUFS + bed.levelDb() - bed.loudness());
            this.gain = Math.pow(10, gainDb / 20);
            this.end = Math.round(filmSeconds * RATE);
            this.fadeOutFrom = end - Math.round(FADE_OUT_SECONDS * RATE);
        }

        /** Voices in, voices with the music under them out (a new buffer, the same number of samples). */
        ShortBuffer add(ShortBuffer voices) throws IOException {
            int frames = voices.remaining() / FilmFormat.CHANNELS;
            ShortBuffer out = FilmFormat.silence(frames);
            short[] bed = music.next(frames);
            short[] mixed = new short[2 * frames];
            int from = voices.position();
            for (int i = 0; i < frames; i++) {
                double left = voices.get(from + 2 * i);
                double right = voices.get(from + 2 * i + 1);
                follow(left, right);
                if (position % BLOCK == 0) {
                    musicGain = gain * Math.exp(-duck() * NEPERS_PER_DB) * fade();
                }
                mixed[2 * i] = clip(left + bed[2 * i] * musicGain);
                mixed[2 * i + 1] = clip(right + bed[2 * i + 1] * musicGain);
                position++;
            }
            return out.put(mixed).flip();
        }

        /** The voices' power, followed sample by sample (a 10 ms detector). */
        private void follow(double left, double right) {
            double power = (left * left + right * right) / (2.0 * 32768 * 32768);
            voicePower += (power - voicePower) * DETECT;
        }

        /**
         * How far below its level the music is now, in dB: follows the voices quickly down, slowly back up. Worked out
         * once a block (a third of a millisecond, far under the 40 ms attack), since the logarithm and the gain it
         * gives are most of what mixing a sample costs.
         */
        private double duck() {
            double voiceDb = 10 * Math.log10(voicePower + 1e-12);
            double wanted = Math.min(DEEPEST_DUCK_DB, Math.max(0, (voiceDb - THRESHOLD_DB) * (1 - 1 / RATIO)));
            duckDb += (wanted - duckDb) * (wanted > duckDb ? BLOCK_ATTACK : BLOCK_RELEASE);
            return duckDb;
        }

        private double fade() {
            double in = Math.min(1, position / (FADE_IN_SECONDS * RATE));
            double out = position < fadeOutFrom ? 1 : Math.max(0, (double) (end - position) / (end - fadeOutFrom));
            return in * out;
        }

        private static short clip(double sample) {
            return (short) Math.max(-32768, Math.min(32767, Math.round(sample)));
        }
    }

    /** The music's samples, as many as asked at a time; silence once it has ended. */
    static final class Samples {

        private final FFmpegFrameGrabber grabber;
        private short[] pending = new short[0];
        private int used;
        private boolean ended;

        Samples(FFmpegFrameGrabber grabber) {
            this.grabber = grabber;
        }

        short[] next(int frames) throws IOException {
            short[] out = new short[frames * FilmFormat.CHANNELS];
            int filled = 0;
            while (filled < out.length) {
                if (used == pending.length && !refill()) {
                    break;
                }
                int n = Math.min(out.length - filled, pending.length - used);
                System.arraycopy(pending, used, out, filled, n);
                used += n;
                filled += n;
            }
            return out;
        }

        private boolean refill() throws IOException {
            while (!ended) {
                Frame frame = grabber.grabSamples();
                if (frame == null) {
                    ended = true;
                } else if (frame.samples != null) {
                    ShortBuffer samples = (ShortBuffer) frame.samples[0];
                    pending = new short[samples.remaining()];
                    samples.duplicate().get(pending);
                    used = 0;
                    return true;
                }
            }
            return false;
        }
    }
}
