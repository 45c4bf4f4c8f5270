package dev.montazz.merge.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.springframework.stereotype.Component;

/**
 * The grid layout: up to nine normalised takes side by side, all starting together, sound mixed; a take that has ended
 * leaves its cell black. The film lasts as long as the longest take. Pictures are composed in Java from the takes
 * scaled to their cells (normalised takes are constant frame rate, so frame n of every take is at the same time).
 */
@Component
public class GridRenderer {

    public static final int MAX_TAKES = 9;

    private final FilmFormat format;

    GridRenderer(FilmFormat format) {
        this.format = format;
    }

    /** Columns and rows for this many takes: as square as possible, wider than high. */
    static int[] layout(int takes) {
        int columns = (int) Math.ceil(Math.sqrt(takes));
        int rows = (int) Math.ceil(takes / (double) columns);
        return new int[] {columns, rows};
    }

    /** Renders the takes (at most {@link #MAX_TAKES}, in the film's format) into a grid; returns its length in s. */
    public double render(List<Path> takes, Path output, DoubleConsumer progress) throws IOException {
        if (takes.isEmpty() || takes.size() > MAX_TAKES) {
            throw new IllegalArgumentException("A grid holds 1 to " + MAX_TAKES + " takes, not " + takes.size());
        }
        int[] grid = layout(takes.size());
        int cellWidth = format.width() / grid[0] & ~1;
        int cellHeight = format.height() / grid[1] & ~1;
        List<Cell> cells = new ArrayList<>();
        try (Canvas canvas = new Canvas(format.width(), format.height());
                FFmpegFrameRecorder recorder = format.encoder(output)) {
            for (int i = 0; i < takes.size(); i++) {
                cells.add(new Cell(takes.get(i), (i % grid[0]) * cellWidth, (i / grid[0]) * cellHeight, cellWidth,
                        cellHeight));
            }
            recorder.start();
            int samplesPerFrame = (int) format.samplesFor(1);
            short[] mix = new short[samplesPerFrame * FilmFormat.CHANNELS];
            long frame = 0;
            boolean any = true;
            while (any) {
                any = false;
                canvas.clear();
                int[] sum = new int[mix.length];
                for (Cell cell : cells) {
                    Frame picture = cell.nextPicture();
                    if (picture != null) {
                        canvas.place(picture, cell.x + (cell.width - picture.imageWidth) / 2 & ~1,
                                cell.y + (cell.height - picture.imageHeight) / 2 & ~1);
                        any = true;
                    }
                    cell.addSound(sum);
                }
                if (!any) {
                    break;
                }
                for (int i = 0; i < mix.length; i++) {
                    mix[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum[i]));
                }
                recorder.setFrameNumber((int) frame);
                recorder.record(canvas.frame(), AV_PIX_FMT_YUV420P);
                ShortBuffer samples = FilmFormat.silence(samplesPerFrame);
                samples.put(mix).flip();
                recorder.recordSamples(FilmFormat.SAMPLE_RATE, FilmFormat.CHANNELS, samples);
                frame++;
                if (frame % format.frameRate() == 0) {
                    progress.accept(frame / (double) format.frameRate());
                }
            }
            recorder.stop();
            return frame / (double) format.frameRate();
        } finally {
            for (Cell cell : cells) {
                cell.close();
            }
        }
    }

    /** One take's place in the grid: its pictures scaled to fit, its sound read alongside. */
    private final class Cell implements AutoCloseable {

        private final FFmpegFrameGrabber pictures;
        private final FFmpegFrameGrabber sound;
        private final int x;
        private final int y;
        private final int width;
        private final int height;
        private short[] pending = new short[0];
        private int pendingAt;
        private boolean pictureEnded;
        private boolean soundEnded;

        Cell(Path take, int x, int y, int width, int height) throws IOException {
            this.x = x;
            this.y = y;
            this.width = width;
            this.height = height;
            this.pictures = FilmFormat.decoder(take);
            // Normalised takes have the film's shape: fit it in the cell, keeping it.
            double scale = Math.min(width / (double) format.width(), height / (double) format.height());
            pictures.setImageWidth((int) Math.round(format.width() * scale) & ~1);
            pictures.setImageHeight((int) Math.round(format.height() * scale) & ~1);
            pictures.start();
            this.sound = FilmFormat.decoder(take);
            sound.start();
        }

        Frame nextPicture() throws IOException {
            if (pictureEnded) {
                return null;
            }
            Frame frame = pictures.grabImage();
            pictureEnded = frame == null;
            return frame;
        }

        /** Adds one film frame's worth of this take's sound to the mix (nothing once it has ended). */
        void addSound(int[] mix) throws IOException {
            int filled = 0;
            while (filled < mix.length) {
                if (pendingAt >= pending.length) {
                    if (soundEnded || pictureEnded) {
                        return;
                    }
                    Frame frame = sound.grabSamples();
                    if (frame == null) {
                        soundEnded = true;
                        return;
                    }
                    ShortBuffer samples = (ShortBuffer) frame.samples[0];
                    pending = new short[samples.remaining()];
                    samples.duplicate().get(pending);
                    pendingAt = 0;
                }
                int n = Math.min(mix.length - filled, pending.length - pendingAt);
                for (int i = 0; i < n; i++) {
                    mix[filled + i] += pending[pendingAt + i];
                }
                filled += n;
                pendingAt += n;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                pictures.close();
            } finally {
                sound.close();
            }
        }
    }

    /** A black YUV 4:2:0 picture the cells are copied into. */
    private static final class Canvas implements AutoCloseable {

        private final Frame frame;
        private final ByteBuffer pixels;
        private final byte[] black;
        private final int width;
        private final int height;

        Canvas(int width, int height) {
            this.width = width;
            this.height = height;
            this.frame = new Frame(width, height, Frame.DEPTH_UBYTE, 2, width);
            this.pixels = ByteBuffer.allocateDirect(width * height * 3 / 2);
            frame.image = new java.nio.Buffer[] {pixels};
            // Video-range black: luma 16, chroma neutral.
            this.black = new byte[width * height * 3 / 2];
            java.util.Arrays.fill(black, 0, width * height, (byte) 16);
            java.util.Arrays.fill(black, width * height, black.length, (byte) 128);
        }

        Frame frame() {
            pixels.rewind();
            return frame;
        }

        void clear() {
            pixels.put(0, black);
        }

        /** Copies a YUV 4:2:0 picture (planes one after the other, as the grabber lays them out) to (x, y). */
        void place(Frame picture, int x, int y) {
            // The buffer's limit covers the luma plane only; the chroma planes follow it up to its capacity.
            ByteBuffer from = ((ByteBuffer) picture.image[0]).duplicate();
            from.clear();
            int w = picture.imageWidth;
            int h = picture.imageHeight;
            int stride = picture.imageStride;
            copyPlane(from, 0, stride, w, h, 0, width, x, y);
            int chromaFrom = stride * h;
            int chromaTo = width * height;
            copyPlane(from, chromaFrom, stride / 2, w / 2, h / 2, chromaTo, width / 2, x / 2, y / 2);
            copyPlane(from, chromaFrom + stride / 2 * (h / 2), stride / 2, w / 2, h / 2,
                    chromaTo + width / 2 * (height / 2), width / 2, x / 2, y / 2);
        }

        private void copyPlane(ByteBuffer from, int fromStart, int fromStride, int w, int h, int toStart,
                int toStride, int x, int y) {
            byte[] row = new byte[w];
            for (int r = 0; r < h; r++) {
                from.get(fromStart + r * fromStride, row, 0, w);
                pixels.put(toStart + (y + r) * toStride + x, row, 0, w);
            }
        }

        @Override
        public void close() {
            frame.close();
        }
    }
}
