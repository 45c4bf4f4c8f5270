package dev.montazz.merge.media;

import java.nio.file.Path;
import java.time.Duration;

import dev.montazz.merge.MergeProperties;

/** The media tools of a film format, made as merge-service makes them, for tests that make films without Spring. */
record FilmTools(MergeProperties properties, FilmFormat format, Fonts fonts, TakeNormaliser normaliser) {

    /** Films of this size and frame rate, with a one-second title card and caption; work under {@code target/work}. */
    static FilmTools of(String work, int width, int height, int frameRate) {
        MergeProperties properties = new MergeProperties(Path.of("target", work),
                new MergeProperties.Film(width, height, frameRate, 1.0, 1.0),
                new MergeProperties.StorageSweep(Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(7)));
        FilmFormat format = new FilmFormat(properties);
        Fonts fonts = new Fonts(properties);
        return new FilmTools(properties, format, fonts, new TakeNormaliser(format, fonts));
    }

    TitleCard titleCard() {
        return new TitleCard(format, fonts);
    }
}
