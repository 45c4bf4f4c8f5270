package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import dev.montazz.merge.MergeProperties;
import dev.montazz.merge.files.MediaCache;
import dev.montazz.merge.files.MediaFiles;
import dev.montazz.merge.media.Concatenator;
import dev.montazz.merge.media.CrossfadeJoiner;
import dev.montazz.merge.media.FilmSplice;
import dev.montazz.merge.media.GridRenderer;
import dev.montazz.merge.media.TitleCard;
import dev.montazz.merge.take.Take;
import org.springframework.stereotype.Component;

/** What every {@link Arrangement} lays a film out with: the media tools, and the takes and title card as files. */
@Component
class LayoutTools {

    private final TitleCard titleCard;
    private final Concatenator concatenator;
    private final CrossfadeJoiner crossfader;
    private final GridRenderer gridRenderer;
    private final FilmSplice splicer;
    static final String TITLE_CARD = "title-";

    private final MediaFiles files;
    private final MediaCache cache;
    private final MergeProperties.Film film;

    LayoutTools(TitleCard titleCard, Concatenator concatenator, CrossfadeJoiner crossfader, GridRenderer gridRenderer,
            FilmSplice splicer, MediaFiles files, MediaCache cache, MergeProperties properties) {
        this.splicer = splicer;
        this.cache = cache;
        this.titleCard = titleCard;
        this.concatenator = concatenator;
        this.crossfader = crossfader;
        this.gridRenderer = gridRenderer;
        this.files = files;
        this.film = properties.film();
    }

    Concatenator concatenator() {
        return concatenator;
    }

    FilmSplice splicer() {
        return splicer;
    }

    CrossfadeJoiner crossfader() {
        return crossfader;
    }

    GridRenderer gridRenderer() {
        return gridRenderer;
    }

    /** The title card naming the montage and who is in it; empty when films have none. */
    Optional<Path> titleCard(String title, List<Take> takes, Path dir) throws IOException {
        if (film.titleSeconds() <= 0) {
            return Optional.empty();
        }
        Path card = dir.resolve("title.mp4");
        List<String> contributors = new ArrayList<>(new LinkedHashSet<>(takes.stream().map(Take::contributor).toList()));
        String montageId = takes.get(0).montageId();
        String key = TITLE_CARD + titleCard.key(title, contributors);
        if (!cache.copyTo(montageId, key, card)) {
            titleCard.write(title, contributors, card);
            // One card per montage: the one before named people who may have left it since.
            cache.keepOnly(montageId, TITLE_CARD, key, card);
        }
        return Optional.of(card);
    }

    /** The normalised takes, fetched into the working directory in order. */
    List<Path> takes(List<Take> takes, Path dir) throws IOException {
        List<Path> parts = new ArrayList<>();
        for (Take take : takes) {
            Path part = dir.resolve("part-" + take.fileName() + ".mp4");
            files.downloadTake(take.montageId(), take.normalisedId(), part);
            parts.add(part);
        }
        return parts;
    }

    /** The title card (if any) followed by the takes. */
    Parts titleAndTakes(String title, List<Take> takes, Path dir) throws IOException {
        List<Path> parts = new ArrayList<>();
        Optional<Path> card = titleCard(title, takes, dir);
        card.ifPresent(parts::add);
        parts.addAll(takes(takes, dir));
        return new Parts(parts, card.isPresent());
    }

    /** Files to join, and whether the first is the title card rather than a take. */
    record Parts(List<Path> files, boolean withTitle) {

        /** A chapter for each take, named after its contributor; none for the title card. */
        List<String> chapters(List<Take> takes) {
            List<String> titles = new ArrayList<>();
            if (withTitle) {
                titles.add(null);
            }
            takes.forEach(take -> titles.add(take.contributor()));
            return titles;
        }

        /** Where each take sits once the parts are joined as placed. */
        List<Render.Shot> shots(List<Take> takes, List<Concatenator.Placement> placements) {
            List<Render.Shot> shots = new ArrayList<>();
            for (int i = 0; i < takes.size(); i++) {
                Take take = takes.get(i);
                Concatenator.Placement placement = placements.get(withTitle ? i + 1 : i);
                shots.add(Render.Shot.of(take, placement.offsetSeconds(), placement.durationSeconds()));
            }
            return shots;
        }
    }
}
