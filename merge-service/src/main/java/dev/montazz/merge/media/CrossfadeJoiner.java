package dev.montazz.merge.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.DoubleConsumer;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.springframework.stereotype.Component;

/**
 * Joins parts in the film's format with a short crossfade between each two: the end of one dissolves into the start of
 * the next, picture and sound alike. Unlike a cut this re-encodes the film (it is the owner's choice); the parts being
 * constant frame rate, picture n of a part is always at n / frame rate.
 */
@Component
public class CrossfadeJoiner {

    private final FilmFormat format;

    CrossfadeJoiner(FilmFormat format) {
        this.format = format;
    }

    /**
     * @param chapters a chapter title for each part, {@code null} for a part that is no chapter
     * @return where each part begins and how long it lasts in the film
     */
    public List<Concatenator.Placement> join(List<Path> parts, List<String> chapters, Path output, double fadeSeconds,
            DoubleConsumer progress) throws IOException {
        int fps = format.frameRate();
        long shortest = Long.MAX_VALUE;
        List<Long> lengths = new ArrayList<>();
        for (Path part : parts) {
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(part.toFile())) {
                grabber.start();
                long frames = Math.round(grabber.getLengthInTime() / 1e6 * fps);
                lengths.add(frames);
                shortest = Math.min(shortest, frames);
            }
        }
        // A fade never takes more than a third of any part, so no part is all transition.
        int fade = (int) Math.max(1, Math.min(Math.round(fadeSeconds * fps), shortest / 3));
        int fadeSamples = (int) format.samplesFor(fade) * FilmFormat.CHANNELS;
        FFmpegFrameRecorder recorder = format.encoder(output);
        recorder.setOption("movflags", "+faststart");
        List<Concatenator.Placement> placements = new ArrayList<>();
        try (Encoder encoder = new Encoder(recorder, 2 * fade + 8)) {
            Deque<Encoder.Picture> heldPictures = new ArrayDeque<>();
            short[] heldSound = new short[0];
            long slot = 0;
            for (int i = 0; i < parts.size(); i++) {
                boolean last = i == parts.size() - 1;
                // The held end of the previous part is not placed: this part's first pictures take its slots.
                long start = slot;
                placements.add(new Concatenator.Placement(start / (double) fps, lengths.get(i) / (double) fps));
                Deque<Encoder.Picture> delayed = new ArrayDeque<>();
                try (FFmpegFrameGrabber pictures = open(parts.get(i));
                        FFmpegFrameGrabber sound = open(parts.get(i))) {
                    long k = 0;
                    Frame frame;
                    while ((frame = pictures.grabImage()) != null) {
                        Encoder.Picture picture = encoder.copy(frame);
                        if (!heldPictures.isEmpty()) {
                            Encoder.Picture before = heldPictures.poll();
                            blend(before, picture, (k + 1) / (double) (fade + 1));
                            encoder.release(before);
                        }
                        delayed.add(picture);
                        while (delayed.size() > (last ? 0 : fade)) {
                            Encoder.Picture next = delayed.poll();
                            encoder.video(next, slot++);
                            encoder.release(next);
                        }
                        k++;
                        if (k % fps == 0) {
                            progress.accept(slot / (double) fps);
                        }
                    }
                    heldSound = sound(sound, encoder, heldSound, last ? 0 : fadeSamples);
                }
                heldPictures = delayed;
            }
            encoder.finish(Chapters.of(chapters, placements));
        }
        return placements;
    }

    private static FFmpegFrameGrabber open(Path part) throws IOException {
        FFmpegFrameGrabber grabber = FilmFormat.decoder(part);
        grabber.start();
        return grabber;
    }

    /** Mixes {@code before} into {@code after}'s pixels: {@code after} weighs {@code t}, from 0 to 1. */
    private static void blend(Encoder.Picture before, Encoder.Picture after, double t) {
        ByteBuffer a = Encoder.pixels(before);
        ByteBuffer b = Encoder.pixels(after);
        int weight = (int) Math.round(t * 256);
        int n = Math.min(a.capacity(), b.capacity());
        for (int i = 0; i < n; i++) {
            int mixed = ((a.get(i) & 0xff) * (256 - weight) + (b.get(i) & 0xff) * weight) >> 8;
            b.put(i, (byte) mixed);
        }
    }

    /**
     * Writes a part's sound, its start mixed with {@code held} (the end of the previous part's sound), and returns its
     * last {@code hold} samples unwritten, to be mixed into the next part.
     */
    private static short[] sound(FFmpegFrameGrabber grabber, Encoder encoder, short[] held, int hold)
            throws IOException {
        short[] pending = new short[0];
        int heldAt = 0;
        Frame frame;
        while ((frame = grabber.grabSamples()) != null) {
            ShortBuffer samples = ((ShortBuffer) frame.samples[0]).duplicate();
            short[] chunk = new short[samples.remaining()];
            samples.get(chunk);
            for (int i = 0; i < chunk.length && heldAt < held.length; i++, heldAt++) {
                double t = (heldAt + 1) / (double) (held.length + 1);
                chunk[i] = (short) Math.round(held[heldAt] * (1 - t) + chunk[i] * t);
            }
            short[] all = new short[pending.length + chunk.length];
            System.arraycopy(pending, 0, all, 0, pending.length);
            System.arraycopy(chunk, 0, all, pending.length, chunk.length);
            int write = Math.max(0, all.length - hold);
            if (write > 0) {
                encoder.audio(ShortBuffer.wrap(all, 0, write));
            }
            pending = java.util.Arrays.copyOfRange(all, write, all.length);
        }
        return pending;
    }
}
