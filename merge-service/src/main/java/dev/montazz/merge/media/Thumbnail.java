package dev.montazz.merge.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.imageio.ImageIO;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/** A JPEG still of a film, for cards and the player's poster. */
public final class Thumbnail {

    private static final int WIDTH = 480;

    private Thumbnail() {
    }

    /**
     * {@link #of}, made on a thread of its own: the caller stores the film meanwhile (a still decodes and scales one
     * picture on a core while the upload mostly waits for the store), then joins it.
     */
    public static CompletableFuture<byte[]> meanwhile(Path film, double atSeconds) {
        CompletableFuture<byte[]> still = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                still.complete(of(film, atSeconds));
            } catch (IOException | RuntimeException e) {
                still.completeExceptionally(e);
            }
        }, "still");
        thread.setDaemon(true);
        thread.start();
        return still;
    }

    /** The still {@link #meanwhile} made, once it is made. */
    public static byte[] made(CompletableFuture<byte[]> still) throws IOException {
        try {
            return still.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("The still could not be made", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while making a still", e);
        }
    }

    /** The picture at the given time (or the last one before it, for a shorter film), 480 pixels wide. */
    public static byte[] of(Path film, double atSeconds) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(film.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            double last = Math.max(0, grabber.getLengthInTime() / 1e6 - 0.3);
            grabber.setTimestamp((long) (Math.min(atSeconds, last) * 1_000_000));
            Frame frame = grabber.grabImage();
            if (frame == null) {
                throw new IOException("The film has no picture to make a thumbnail from");
            }
            BufferedImage still = converter.convert(frame);
            int height = Math.max(2, still.getHeight() * WIDTH / still.getWidth());
            BufferedImage small = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = small.createGraphics();
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(still, 0, 0, WIDTH, height, null);
            graphics.dispose();
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            ImageIO.write(small, "jpg", jpeg);
            return jpeg.toByteArray();
        }
    }
}
