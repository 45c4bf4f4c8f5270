package dev.montazz.merge.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Runs an encoder on a thread of its own, so decoding and filtering the next pictures overlaps with encoding these
 * (the ffmpeg CLI pipelines the same way). Pictures are copied into a small pool of frames, each handed out with a
 * count of the slots it still has to fill, and returned to the pool when the encoder is done with it.
 */
final class Encoder implements AutoCloseable {

    private static final Object END = new Object();

    /** A picture copied out of the decoder's or filter's memory, shared by the slots it fills. */
    static final class Picture {
        private final Frame frame;
        private final AtomicInteger uses = new AtomicInteger();

        private Picture(Frame frame) {
            this.frame = frame;
        }
    }

    private record Video(Picture picture, long slot) {
    }

    private final FFmpegFrameRecorder recorder;
    private final int pool;
    private final BlockingQueue<Object> work;
    private final BlockingQueue<Picture> free;
    private final Thread thread;
    private int pictures;
    private volatile Exception failure;

    Encoder(FFmpegFrameRecorder recorder) throws IOException {
        this(recorder, 6);
    }

    /** @param pool pictures that may be held at once, by the caller and in the queue together */
    Encoder(FFmpegFrameRecorder recorder, int pool) throws IOException {
        this.recorder = recorder;
        this.pool = pool;
        this.work = new ArrayBlockingQueue<>(pool * 2);
        this.free = new ArrayBlockingQueue<>(pool);
        recorder.start();
        this.thread = new Thread(this::run, "encoder");
        thread.setDaemon(true);
        thread.start();
    }

    /** A copy of the frame, to be placed with {@link #video} and let go of with {@link #release}. */
    Picture copy(Frame frame) throws IOException {
        // A YUV buffer's limit covers the luma plane only: copy up to its capacity, chroma planes included.
        ByteBuffer from = ((ByteBuffer) frame.image[0]).duplicate();
        from.clear();
        Picture picture = free.poll();
        if (picture == null && pictures < pool) {
            pictures++;
            Frame copy = new Frame();
            copy.imageWidth = frame.imageWidth;
            copy.imageHeight = frame.imageHeight;
            copy.imageDepth = frame.imageDepth;
            copy.imageChannels = frame.imageChannels;
            copy.imageStride = frame.imageStride;
            copy.image = new java.nio.Buffer[] {ByteBuffer.allocateDirect(from.capacity()).order(ByteOrder.nativeOrder())};
            picture = new Picture(copy);
        } else if (picture == null) {
            picture = take(free);
        }
        ByteBuffer to = ((ByteBuffer) picture.frame.image[0]).duplicate();
        to.clear();
        to.put(from);
        picture.uses.set(1);
        return picture;
    }

    /** The picture's pixels (YUV 4:2:0 planes one after the other), to be changed before it is placed. */
    static ByteBuffer pixels(Picture picture) {
        ByteBuffer pixels = ((ByteBuffer) picture.frame.image[0]).duplicate();
        pixels.clear();
        return pixels;
    }

    /** Encodes the picture at this slot of the film's frame grid. */
    void video(Picture picture, long slot) throws IOException {
        picture.uses.incrementAndGet();
        put(new Video(picture, slot));
    }

    /** The caller no longer needs the picture; it returns to the pool once encoded everywhere it was placed. */
    void release(Picture picture) {
        if (picture != null && picture.uses.decrementAndGet() == 0) {
            free.add(picture);
        }
    }

    /** Encodes S16 stereo samples; they are copied, so the caller may reuse its buffer. */
    void audio(ShortBuffer samples) throws IOException {
        ShortBuffer copy = ByteBuffer.allocateDirect(samples.remaining() * Short.BYTES).order(ByteOrder.nativeOrder())
                .asShortBuffer();
        copy.put(samples.duplicate());
        copy.flip();
        put(copy);
    }

    /** Waits for everything queued to be encoded and writes the file's end. */
    void finish() throws IOException {
        finish(List.of());
    }

    /** Likewise, with chapters in the file. */
    void finish(List<Chapters.Chapter> chapters) throws IOException {
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while finishing a take", e);
        }
        rethrow();
        Chapters.add(recorder, chapters);
        recorder.stop();
    }

    private void run() {
        try {
            Object next;
            while ((next = work.take()) != END) {
                if (next instanceof Video video) {
                    recorder.setFrameNumber((int) video.slot());
                    recorder.record(video.picture().frame, AV_PIX_FMT_YUV420P);
                    release(video.picture());
                } else {
                    recorder.recordSamples(FilmFormat.SAMPLE_RATE, FilmFormat.CHANNELS, (ShortBuffer) next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
            work.clear();
        }
    }

    private void put(Object item) throws IOException {
        rethrow();
        try {
            while (!work.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while encoding", e);
        }
    }

    private Picture take(BlockingQueue<Picture> queue) throws IOException {
        try {
            Picture picture;
            while ((picture = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
                rethrow();
            }
            return picture;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while encoding", e);
        }
    }

    private void rethrow() throws IOException {
        if (failure != null) {
            throw new IOException("Encoding failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        try {
            // Never release the encoder while its thread may still be inside it.
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorder.close();
    }
}
