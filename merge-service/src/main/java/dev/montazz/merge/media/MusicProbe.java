package dev.montazz.merge.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether an uploaded file is music a film can play under its voices, by reading it, never by its name: it must
 * be one of the formats the owner was told (MP3, AAC/M4A, Opus or Vorbis in Ogg, WAV, FLAC), hold sound and no
 * moving picture (a cover image is fine), decode to its end, and last between a second and the longest allowed. Its
 * loudness is measured while it is read, for the mix.
 */
public final class MusicProbe {

    /** What a readable music file is. */
    public record Facts(String format, String codec, double seconds, double loudness) {
    }

    /** The file is not music a film can use; the reason is for the person who uploaded it. */
    public static final class NotMusic extends Exception {
        public NotMusic(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MusicProbe.class);

    /** FFmpeg's demuxers of the formats offered; no other. */
    private static final String FORMATS = "mp3,mov,mp4,m4a,3gp,3g2,mj2,ogg,wav,flac,aac";
    private static final Set<String> CODECS = Set.of("mp3", "aac", "opus", "vorbis", "flac", "alac", "pcm_s16le",
            "pcm_s24le", "pcm_s32le", "pcm_f32le", "pcm_u8");
    private static final String OFFERED = "MP3, AAC (M4A), Opus or Vorbis (Ogg), WAV or FLAC";
    private static final double SHORTEST_SECONDS = 1;

    private MusicProbe() {
    }

    /** @param longest the longest music taken */
    public static Facts probe(Path file, Duration longest) throws NotMusic {
        try (FFmpegFrameGrabber grabber = FilmFormat.uploadDecoder(file, FORMATS)) {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception unreadable) {
                log.info("An upload is not a sound file FFmpeg reads: {}", unreadable.getMessage());
                throw new NotMusic("This is not a sound file we can read. Upload " + OFFERED);
            }
            AVFormatContext context = grabber.getFormatContext();
            String format = context.iformat().name().getString();
            String codec = null;
            for (int i = 0; i < context.nb_streams(); i++) {
                AVStream stream = context.streams(i);
                int type = stream.codecpar().codec_type();
                if (type == AVMEDIA_TYPE_VIDEO && (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                    throw new NotMusic("This file holds a video: upload music alone (" + OFFERED + ")");
                }
                if (type == AVMEDIA_TYPE_AUDIO && codec == null) {
                    codec = avcodec_get_name(stream.codecpar().codec_id()).getString();
                }
            }
            if (codec == null) {
                throw new NotMusic("This file holds no sound. Upload " + OFFERED);
            }
            if (!CODECS.contains(codec)) {
                throw new NotMusic("Its sound is " + codec + ", which films do not take. Upload " + OFFERED);
            }
            Facts facts = measure(grabber, format, codec, longest);
            if (facts.seconds() < SHORTEST_SECONDS) {
                throw new NotMusic("It lasts less than a second: upload a longer piece");
            }
            return facts;
        } catch (IOException | RuntimeException broken) {
            log.info("An upload could not be read to its end: {}", broken.toString());
            throw new NotMusic("This file is damaged or cut short and cannot be read to its end. Upload it again, or "
                    + "another file");
        }
    }

    /** Decodes all of it: music that breaks half-way is refused now, not in the middle of a render. */
    private static Facts measure(FFmpegFrameGrabber grabber, String format, String codec, Duration longest)
            throws IOException, NotMusic {
        Loudness meter = new Loudness();
        long samples = 0;
        long most = longest.toSeconds() * FilmFormat.SAMPLE_RATE;
        Frame frame;
        while ((frame = grabber.grabSamples()) != null) {
            if (frame.samples == null) {
                continue;
            }
            ShortBuffer sound = (ShortBuffer) frame.samples[0];
            meter.add(sound);
            samples += sound.remaining() / FilmFormat.CHANNELS;
            if (samples > most) {
                throw new NotMusic("It lasts more than " + (longest.toSeconds() < 120 ? longest.toSeconds()
                        + " seconds" : longest.toMinutes() + " minutes") + ": upload a shorter piece");
            }
        }
        double loudness = meter.integrated();
        return new Facts(format, codec, (double) samples / FilmFormat.SAMPLE_RATE,
                Double.isFinite(loudness) ? loudness : Loudness.SILENCE);
    }
}
