package dev.montazz.merge.media;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.montazz.merge.MergeProperties;
import org.springframework.stereotype.Component;

/**
 * The typeface of captions and title cards. FFmpeg's drawtext has no fontconfig in the JavaCV natives and needs a font
 * file by absolute path, so DejaVu Sans Bold (from the jasperreports-fonts jar, which carries nothing else we use) is
 * copied out of the classpath once.
 */
@Component
class Fonts {

    private static final String BOLD = "net/sf/jasperreports/fonts/dejavu/DejaVuSans-Bold.ttf";
    private static final String REGULAR = "net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf";

    private final Path dir;
    private volatile Path bold;

    Fonts(MergeProperties properties) {
        this.dir = properties.workDir().resolve("fonts");
    }

    /** DejaVu Sans Bold as a file FFmpeg can open; its path has no characters that need escaping in a filter graph. */
    Path boldFile() {
        Path file = bold;
        if (file == null) {
            file = extract(BOLD);
            bold = file;
        }
        return file;
    }

    Font bold(float size) {
        return load(BOLD).deriveFont(size);
    }

    Font regular(float size) {
        return load(REGULAR).deriveFont(size);
    }

    private Font load(String resource) {
        try (InputStream in = resource(resource)) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("The bundled font " + resource + " cannot be read", e);
        }
    }

    private synchronized Path extract(String resource) {
        Path target = dir.toAbsolutePath().resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = resource(resource)) {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "font", ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the caption font to " + dir, e);
        }
        String path = target.toString();
        if (path.contains("'") || path.contains(":") || path.contains("\\")) {
            throw new IllegalStateException("The work directory " + dir + " must not contain ' : or \\ "
                    + "(FFmpeg filter graphs would misread the font's path)");
        }
        return target;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Fonts.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the classpath (net.sf.jasperreports:jasperreports-fonts)");
        }
        return in;
    }
}
