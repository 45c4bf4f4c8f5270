package dev.montazz.merge.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Makes real test clips with the ffmpeg executable inside the JavaCV natives jar (no install needed), and reads films
 * back with JavaCV so tests check what a viewer would get. Shared with e2e-tests through merge-service's test-jar.
 */
public final class TestMedia {

    private TestMedia() {
    }

    /** A VP8/Opus WebM like a browser's, one solid colour, with a tone unless {@code toneHz} is 0. */
    public static Path webm(Path dir, String name, String colour, int width, int height, double seconds, int toneHz)
            throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".webm");
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "color=c=" + colour + ":s=" + width + "x" + height + ":r=25:d=" + seconds));
        if (toneHz > 0) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=" + toneHz + ":sample_rate=48000:d=" + seconds,
                    "-c:a", "libopus"));
        }
        args.addAll(List.of("-c:v", "libvpx", "-b:v", "1M", "-deadline", "realtime", "-cpu-used", "8",
                out.toString()));
        ffmpeg(args);
        return out;
    }

    /**
     * An H.264/AAC file as a phone's camera roll holds it (index at the end, not fragmented), one solid colour with a
     * tone; {@code extension} {@code mp4} or {@code mov} chooses the container.
     */
    public static Path cameraRollVideo(Path dir, String name, String extension, String colour, double seconds,
            int toneHz) throws IOException, InterruptedException {
        Path out = dir.resolve(name + "." + extension);
        ffmpeg(List.of("-f", "lavfi", "-i", "color=c=" + colour + ":s=640x360:r=30:d=" + seconds, "-f", "lavfi", "-i",
                "sine=frequency=" + toneHz + ":sample_rate=44100:d=" + seconds, "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", extension.equals("mov") ? "mov" : "mp4",
                out.toString()));
        return out;
    }

    /**
     * A phone's portrait video as phones store it: the picture sideways (640x360, red on the left, blue on the right)
     * and a display matrix saying to turn it 90 degrees counter-clockwise, so it shows upright, blue above red.
     */
    public static Path sidewaysPhoneVideo(Path dir, String name, double seconds)
            throws IOException, InterruptedException {
        Path stored = dir.resolve(name + "-stored.mp4");
        ffmpeg(List.of("-f", "lavfi", "-i", "color=c=red:s=640x360:r=30:d=" + seconds
                + ",drawbox=x=320:y=0:w=320:h=360:color=blue:t=fill", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", stored.toString()));
        Path out = dir.resolve(name + ".mov");
        ffmpeg(List.of("-display_rotation", "90", "-i", stored.toString(), "-c", "copy", "-f", "mov",
                out.toString()));
        return out;
    }

    /** A WebM like {@link #webm} that turns from one colour to another half-way through. */
    public static Path webmTurning(Path dir, String name, String from, String to, double seconds)
            throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".webm");
        ffmpeg(List.of("-f", "lavfi", "-i", "color=c=" + from + ":s=320x240:r=25:d=" + seconds
                + ",drawbox=x=0:y=0:w=iw:h=ih:color=" + to + ":t=fill:enable='gte(t," + seconds / 2 + ")'",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:d=" + seconds, "-c:a", "libopus",
                "-c:v", "libvpx", "-b:v", "1M", "-deadline", "realtime", "-cpu-used", "8", out.toString()));
        return out;
    }

    /** A WebM like {@link #webm} whose sound is a tone at {@code gainDb} from ffmpeg's sine (peaks at -18 dBFS). */
    public static Path webmAtLevel(Path dir, String name, String colour, double seconds, int toneHz, double gainDb)
            throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".webm");
        ffmpeg(List.of("-f", "lavfi", "-i", "color=c=" + colour + ":s=320x240:r=25:d=" + seconds, "-f", "lavfi",
                "-i", "sine=frequency=" + toneHz + ":sample_rate=48000:d=" + seconds + ",volume=" + gainDb + "dB",
                "-c:a", "libopus", "-b:a", "128k", "-c:v", "libvpx", "-b:v", "1M", "-deadline", "realtime",
                "-cpu-used", "8", out.toString()));
        return out;
    }

    /** Integrated loudness (LUFS) and true peak (dBTP) of a span of a file, as FFmpeg's EBU R128 meter reads them. */
    public record R128(double integratedLufs, double truePeakDb) {
    }

    public static R128 r128(Path file, double fromSeconds, double toSeconds) throws IOException, InterruptedException {
        List<String> command = List.of(executable(), "-hide_banner", "-nostats", "-ss", String.valueOf(fromSeconds),
                "-t", String.valueOf(toSeconds - fromSeconds), "-i", file.toString(), "-vn", "-af",
                "ebur128=peak=true", "-f", "null", "-");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", Path.of(command.get(0)).getParent().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + String.join(" ", command) + "\n" + output);
        }
        String summary = output.substring(output.lastIndexOf("Summary:"));
        return new R128(number(summary, "I:"), number(summary, "Peak:"));
    }

    private static double number(String summary, String label) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(label)
                + "\\s+(-?[0-9.]+|-inf)").matcher(summary);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + label + " in " + summary);
        }
        return "-inf".equals(matcher.group(1)) ? Double.NEGATIVE_INFINITY : Double.parseDouble(matcher.group(1));
    }

    /** Runs the bundled ffmpeg with the given arguments; fails with its output if it does. */
    public static void ffmpeg(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable(), "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The executable's libraries sit beside it in JavaCPP's cache, but it has no rpath to find them there.
        builder.environment().put("LD_LIBRARY_PATH", Path.of(command.get(0)).getParent().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + String.join(" ", command) + "\n" + output);
        }
    }

    public static String executable() {
        return Loader.load(ffmpeg.class);
    }

    /** What a film is, as read back from the file. */
    public record Probe(double durationSeconds, int width, int height, String videoCodec, String audioCodec,
            int audioChannels) {
    }

    public static Probe probe(Path film) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(film.toFile())) {
            grabber.start();
            return new Probe(grabber.getLengthInTime() / 1e6, grabber.getImageWidth(), grabber.getImageHeight(),
                    grabber.getVideoCodecName(), grabber.getAudioCodecName(), grabber.getAudioChannels());
        }
    }

    /** A chapter as a player reads it from the file. */
    public record Chapter(String title, double startSeconds, double endSeconds) {
    }

    /** The file's chapters, read by FFmpeg's demuxer, times rounded to the millisecond. */
    public static List<Chapter> chapters(Path film) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(film.toFile())) {
            grabber.start();
            org.bytedeco.ffmpeg.avformat.AVFormatContext context = grabber.getFormatContext();
            List<Chapter> chapters = new ArrayList<>();
            for (int i = 0; i < context.nb_chapters(); i++) {
                org.bytedeco.ffmpeg.avformat.AVChapter chapter = context.chapters(i);
                double base = org.bytedeco.ffmpeg.global.avutil.av_q2d(chapter.time_base());
                org.bytedeco.ffmpeg.avutil.AVDictionaryEntry title = org.bytedeco.ffmpeg.global.avutil.av_dict_get(
                        chapter.metadata(), "title", null, 0);
                chapters.add(new Chapter(title == null ? null : title.value().getString(StandardCharsets.UTF_8),
                        Math.round(chapter.start() * base * 1000) / 1000.0,
                        Math.round(chapter.end() * base * 1000) / 1000.0));
            }
            return chapters;
        }
    }

    /** The average colour (r, g, b) of the middle of the picture at the given time. */
    public static int[] colourAt(Path film, double seconds) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(film.toFile())) {
            grabber.start();
            grabber.setTimestamp((long) (seconds * 1_000_000));
            Frame frame = grabber.grabImage();
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            long[] sum = new long[3];
            int count = 0;
            for (int y = frame.imageHeight / 3; y < 2 * frame.imageHeight / 3; y += 4) {
                for (int x = frame.imageWidth / 3; x < 2 * frame.imageWidth / 3; x += 4) {
                    int at = y * frame.imageStride + x * 3;
                    sum[2] += pixels.get(at) & 0xff; // BGR
                    sum[1] += pixels.get(at + 1) & 0xff;
                    sum[0] += pixels.get(at + 2) & 0xff;
                    count++;
                }
            }
            return new int[] {(int) (sum[0] / count), (int) (sum[1] / count), (int) (sum[2] / count)};
        }
    }

    /** The colour (r, g, b) at a point of the picture, given as fractions of its width and height. */
    public static int[] pixelAt(Path film, double seconds, double x, double y) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(film.toFile())) {
            grabber.start();
            grabber.setTimestamp((long) (seconds * 1_000_000));
            Frame frame = grabber.grabImage();
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            int at = (int) (frame.imageHeight * y) * frame.imageStride + (int) (frame.imageWidth * x) * 3;
            return new int[] {pixels.get(at + 2) & 0xff, pixels.get(at + 1) & 0xff, pixels.get(at) & 0xff};
        }
    }

    /** Whether the colour is clearly this primary: its channel high, the other two low. */
    public static boolean isPrimary(int[] rgb, int channel) {
        for (int c = 0; c < 3; c++) {
            if (c == channel ? rgb[c] < 150 : rgb[c] > 90) {
                return false;
            }
        }
        return true;
    }

    /** Loudness (RMS of 16-bit samples) of the audio between two times; 0 for silence or no audio. */
    public static double loudness(Path film, double fromSeconds, double toSeconds) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(film.toFile())) {
            grabber.setSampleFormat(org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16);
            grabber.start();
            if (grabber.getAudioChannels() == 0) {
                return 0;
            }
            grabber.setTimestamp((long) (fromSeconds * 1_000_000));
            double sum = 0;
            long n = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null && frame.timestamp < toSeconds * 1_000_000) {
                java.nio.ShortBuffer samples = (java.nio.ShortBuffer) frame.samples[0];
                for (int i = samples.position(); i < samples.limit(); i++) {
                    sum += (double) samples.get(i) * samples.get(i);
                    n++;
                }
            }
            return n == 0 ? 0 : Math.sqrt(sum / n);
        }
    }

    /**
     * Music as a phone or a shop would have it: a tone in the given file type (mp3, m4a, ogg with Opus, oga with
     * Vorbis, wav, flac), at ffmpeg's sine level (-18 dBFS peaks) changed by {@code gainDb}.
     */
    public static Path music(Path dir, String name, String extension, int toneHz, double seconds, double gainDb)
            throws IOException, InterruptedException {
        Path out = dir.resolve(name + "." + extension);
        String codec = switch (extension) {
            case "mp3" -> "libmp3lame";
            case "m4a" -> "aac";
            case "ogg" -> "libopus";
            case "oga" -> "vorbis";
            case "wav" -> "pcm_s16le";
            case "flac" -> "flac";
            default -> throw new IllegalArgumentException(extension);
        };
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "sine=frequency=" + toneHz
                + ":sample_rate=48000:d=" + seconds + ",volume=" + gainDb + "dB", "-c:a", codec));
        if (extension.equals("oga")) {
            // FFmpeg's own Vorbis encoder is marked experimental and takes stereo only.
            args.addAll(List.of("-strict", "-2", "-ac", "2", "-f", "ogg"));
        }
        args.add(out.toString());
        ffmpeg(args);
        return out;
    }

    /**
     * The level (dBFS, RMS of the tone's amplitude across both channels) of one frequency in the sound between two
     * times, by the Goertzel algorithm: how loud a tone is, whatever else plays with it.
     */
    public static double toneDb(Path file, double fromSeconds, double toSeconds, int toneHz) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setSampleFormat(org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16);
            grabber.setSampleRate(48_000);
            grabber.setAudioChannels(2);
            grabber.start();
            double coefficient = 2 * Math.cos(2 * Math.PI * toneHz / 48_000.0);
            double s1 = 0;
            double s2 = 0;
            long n = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (frame.samples == null) {
                    continue;
                }
                java.nio.ShortBuffer samples = (java.nio.ShortBuffer) frame.samples[0];
                long first = frame.timestamp;
                for (int i = samples.position(); i + 1 < samples.limit(); i += 2) {
                    double at = (first + (i - samples.position()) / 2 * 1_000_000L / 48_000) / 1e6;
                    if (at < fromSeconds || at >= toSeconds) {
                        continue;
                    }
                    double x = (samples.get(i) + samples.get(i + 1)) / 2.0 / 32768;
                    double s0 = x + coefficient * s1 - s2;
                    s2 = s1;
                    s1 = s0;
                    n++;
                }
            }
            if (n == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
            double amplitude = 2 * Math.sqrt(power) / n;
            return 20 * Math.log10(amplitude / Math.sqrt(2) + 1e-12);
        }
    }
}
