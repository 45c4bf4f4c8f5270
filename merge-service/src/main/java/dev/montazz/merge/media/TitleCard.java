package dev.montazz.merge.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.springframework.stereotype.Component;

/** The card that opens a film: its title and who recorded it, in the film's format so it joins by packet copy. */
@Component
public class TitleCard {

    private final FilmFormat format;
    private final Fonts fonts;

    TitleCard(FilmFormat format, Fonts fonts) {
        this.format = format;
        this.fonts = fonts;
    }

    /** Bumped whenever the card is drawn differently, so no card of the old look is taken for a new one. */
    private static final int DESIGN = 1;

    /**
     * A name for the card these would make, the same exactly when the card would be: its look, the film's format,
     * the title and who is named. Only letters and digits, so it can name a file.
     */
    public String key(String title, List<String> contributors) {
        StringBuilder shown = new StringBuilder().append(DESIGN).append('|').append(format.width()).append('x')
                .append(format.height()).append('@').append(format.frameRate()).append('|')
                .append(format.film().titleSeconds()).append('|').append(title);
        contributors.forEach(name -> shown.append('\u0000').append(name));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(shown.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }

    /** Writes the card and returns its length in seconds (a whole number of frames). */
    public double write(String title, List<String> contributors, Path output) throws IOException {
        long frames = Math.round(format.film().titleSeconds() * format.frameRate());
        try (FFmpegFrameRecorder recorder = format.encoder(output);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.start();
            Frame picture = converter.convert(draw(title, contributors));
            for (int i = 0; i < frames; i++) {
                recorder.setFrameNumber(i);
                recorder.record(picture, AV_PIX_FMT_BGR24);
            }
            long samples = format.samplesFor(frames);
            while (samples > 0) {
                int n = (int) Math.min(samples, FilmFormat.SAMPLE_RATE / 10);
                recorder.recordSamples(FilmFormat.SAMPLE_RATE, FilmFormat.CHANNELS, FilmFormat.silence(n));
                samples -= n;
            }
            recorder.stop();
        }
        return frames / (double) format.frameRate();
    }

    BufferedImage draw(String title, List<String> contributors) {
        int w = format.width();
        int h = format.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1e1b4b), w, h, new Color(0x0f172a)));
        g.fillRect(0, 0, w, h);

        Font titleFont = fonts.bold(h / 11f);
        List<String> lines = wrap(title, g.getFontMetrics(titleFont), (int) (w * 0.84), 3);
        Font byFont = fonts.regular(h / 20f);
        FontMetrics titleMetrics = g.getFontMetrics(titleFont);
        int lineHeight = (int) (titleMetrics.getHeight() * 1.05);
        int y = h / 2 - lines.size() * lineHeight / 2 + titleMetrics.getAscent() - lineHeight / 3;
        g.setColor(Color.WHITE);
        g.setFont(titleFont);
        for (String line : lines) {
            g.drawString(line, (w - titleMetrics.stringWidth(line)) / 2, y);
            y += lineHeight;
        }
        if (!contributors.isEmpty()) {
            g.setFont(byFont);
            g.setColor(new Color(0xc7d2fe));
            String by = wrap("with " + String.join(", ", contributors), g.getFontMetrics(byFont), (int) (w * 0.84), 1)
                    .get(0);
            g.drawString(by, (w - g.getFontMetrics().stringWidth(by)) / 2, y + lineHeight / 4);
        }
        g.setFont(fonts.bold(h / 36f));
        g.setColor(new Color(0x818cf8));
        g.drawString("MONTAZZ", w / 24, h - h / 24);
        g.dispose();
        return image;
    }

    /** Splits text into at most {@code maxLines} lines that fit; the last one ends with an ellipsis if cut. */
    static List<String> wrap(String text, FontMetrics metrics, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) <= width || line.isEmpty()) {
                line = new StringBuilder(candidate);
            } else {
                lines.add(line.toString());
                line = new StringBuilder(word);
            }
        }
        lines.add(line.toString());
        if (lines.size() > maxLines) {
            lines = new ArrayList<>(lines.subList(0, maxLines));
            lines.set(maxLines - 1, lines.get(maxLines - 1) + " …");
        }
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            while (metrics.stringWidth(l) > width && l.length() > 2) {
                l = l.substring(0, l.length() - 2) + "…";
            }
            lines.set(i, l);
        }
        return lines;
    }
}
