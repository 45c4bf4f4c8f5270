package dev.montazz.merge.media;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.springframework.stereotype.Component;

/**
 * Joins parts in the film's format (normalised takes, title cards) into one MP4 by copying their packets, shifted in
 * time: no decoding and no encoding, so it runs at many times real time. Streams are matched by media type, never by
 * index.
 */
@Component
public class Concatenator {

    /** Where each part begins and how long it lasts in the joined film, in seconds. */
    public record Placement(double offsetSeconds, double durationSeconds) {
    }

    /** @param progress told how many seconds of the film have been written, now and then */
    public List<Placement> join(List<Path> parts, Path output, DoubleConsumer progress) throws IOException {
        return join(parts, java.util.Collections.nCopies(parts.size(), null), output, progress);
    }

    /**
     * @param chapters a chapter title for each part, {@code null} for a part that is no chapter
     * @param progress told how many seconds of the film have been written, now and then
     */
    public List<Placement> join(List<Path> parts, List<String> chapters, Path output, DoubleConsumer progress)
            throws IOException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("Nothing to join");
        }
        List<Placement> placements = new ArrayList<>();
        // JavaCV looks up the time base of every copied packet in the format context the recorder was started with,
        // so the first part stays open until the film is finished.
        try (FFmpegFrameGrabber first = open(parts.get(0));
                FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toFile(), first.getImageWidth(),
                        first.getImageHeight(), first.getAudioChannels())) {
            recorder.setFormat("mp4");
            // The index goes first so a browser can start playing and seeking before the whole file has arrived.
            recorder.setOption("movflags", "+faststart");
            AVFormatContext reference = first.getFormatContext();
            recorder.start(reference);
            Stamps stamps = new Stamps(reference);
            double offset = 0;
            for (int i = 0; i < parts.size(); i++) {
                double length;
                if (i == 0) {
                    length = copy(first, recorder, stamps, offset, progress);
                } else {
                    try (FFmpegFrameGrabber part = open(parts.get(i))) {
                        stamps.check(part.getFormatContext(), parts.get(i));
                        length = copy(part, recorder, stamps, offset, progress);
                    }
                }
                placements.add(new Placement(offset, length));
                offset += length;
            }
            Chapters.add(recorder, Chapters.of(chapters, placements));
            recorder.stop();
        }
        return placements;
    }

    private static FFmpegFrameGrabber open(Path part) throws IOException {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(part.toFile());
        grabber.start();
        return grabber;
    }

    /** Copies one part's packets starting at {@code offset}; returns the part's length (its picture's end). */
    private static double copy(FFmpegFrameGrabber part, FFmpegFrameRecorder recorder, Stamps stamps, double offset,
            DoubleConsumer progress) throws IOException {
        AVFormatContext context = part.getFormatContext();
        double end = 0;
        double reported = 0;
        AVPacket packet;
        while ((packet = part.grabPacket()) != null) {
            AVStream stream = context.streams(packet.stream_index());
            int type = stream.codecpar().codec_type();
            if (type != AVMEDIA_TYPE_VIDEO && type != AVMEDIA_TYPE_AUDIO) {
                continue;
            }
            double timeBase = av_q2d(stream.time_base());
            if (type == AVMEDIA_TYPE_VIDEO && packet.pts() != AV_NOPTS_VALUE) {
                end = Math.max(end, (packet.pts() + packet.duration()) * timeBase);
            }
            if (!stamps.shift(packet, type, offset)) {
                continue;
            }
            // The recorder reads the packet's stream in the first part, whose streams are in the same order.
            packet.stream_index(stamps.indexOf(type));
            recorder.recordPacket(packet);
            if (end - reported > 1.0) {
                reported = end;
                progress.accept(offset + end);
            }
        }
        return end;
    }

    /** Shifts timestamps into the film and keeps each stream's decoding times increasing across parts. */
    private static final class Stamps {

        private final int videoIndex;
        private final int audioIndex;
        private final AVRational videoBase;
        private final AVRational audioBase;
        private long lastVideoDts = Long.MIN_VALUE;
        private long lastAudioDts = Long.MIN_VALUE;

        Stamps(AVFormatContext reference) throws IOException {
            this.videoIndex = index(reference, AVMEDIA_TYPE_VIDEO);
            this.audioIndex = index(reference, AVMEDIA_TYPE_AUDIO);
            if (videoIndex < 0 || audioIndex < 0) {
                throw new IOException("The first part must have both picture and sound");
            }
            this.videoBase = reference.streams(videoIndex).time_base();
            this.audioBase = reference.streams(audioIndex).time_base();
        }

        int indexOf(int type) {
            return type == AVMEDIA_TYPE_VIDEO ? videoIndex : audioIndex;
        }

        /** Parts come from one encoder setting; a part that does not is refused rather than joined into a bad film. */
        void check(AVFormatContext part, Path file) throws IOException {
            int v = index(part, AVMEDIA_TYPE_VIDEO);
            int a = index(part, AVMEDIA_TYPE_AUDIO);
            if (v < 0 || a < 0 || !same(part.streams(v).time_base(), videoBase)
                    || !same(part.streams(a).time_base(), audioBase)) {
                throw new IOException(file.getFileName() + " is not in the film's format and cannot be joined");
            }
        }

        /** Returns false for a packet that would go back in time (an audio encoder's priming overlapping the cut). */
        boolean shift(AVPacket packet, int type, double offsetSeconds) {
            AVRational base = type == AVMEDIA_TYPE_VIDEO ? videoBase : audioBase;
            long shift = Math.round(offsetSeconds / av_q2d(base));
            if (packet.pts() != AV_NOPTS_VALUE) {
                packet.pts(packet.pts() + shift);
            }
            if (packet.dts() != AV_NOPTS_VALUE) {
                packet.dts(packet.dts() + shift);
            }
            long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
            long last = type == AVMEDIA_TYPE_VIDEO ? lastVideoDts : lastAudioDts;
            if (dts <= last) {
                return false;
            }
            if (type == AVMEDIA_TYPE_VIDEO) {
                lastVideoDts = dts;
            } else {
                lastAudioDts = dts;
            }
            return true;
        }

        private static int index(AVFormatContext context, int type) {
            for (int i = 0; i < context.nb_streams(); i++) {
                if (context.streams(i).codecpar().codec_type() == type) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean same(AVRational a, AVRational b) {
            return a.num() == b.num() && a.den() == b.den();
        }
    }
}
