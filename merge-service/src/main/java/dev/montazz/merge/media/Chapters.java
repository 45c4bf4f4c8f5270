package dev.montazz.merge.media;

import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avformat.AVChapter;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chapters in a film being written, one per shot named after its contributor, so that players list the shots and jump
 * to them. The MP4 muxer writes chapters given at the file's end (the Nero {@code chpl} list and a QuickTime chapter
 * track) as long as there were none when it began, so they are added just before the recorder stops, when every
 * shot's place is known.
 */
public final class Chapters {

    /** A chapter: its title and where it begins and ends in the film, in seconds. */
    public record Chapter(String title, double startSeconds, double endSeconds) {
    }

    private static final Logger log = LoggerFactory.getLogger(Chapters.class);
    private static final int MILLIS = 1000;

    private Chapters() {
    }

    /**
     * One chapter for each part with a title ({@code null} for a part that is none, such as the title card). A chapter
     * ends where the next begins: parts that dissolve into each other overlap, chapters never do.
     */
    public static List<Chapter> of(List<String> titles, List<Concatenator.Placement> placements) {
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < titles.size() && i < placements.size(); i++) {
            if (titles.get(i) != null) {
                Concatenator.Placement place = placements.get(i);
                double end = place.offsetSeconds() + place.durationSeconds();
                if (i + 1 < placements.size()) {
                    end = Math.min(end, placements.get(i + 1).offsetSeconds());
                }
                chapters.add(new Chapter(titles.get(i), place.offsetSeconds(), end));
            }
        }
        return chapters;
    }

    /** The chapters of a file being read, so a file written from it can carry them on. */
    static List<Chapter> of(AVFormatContext context) {
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < context.nb_chapters(); i++) {
            AVChapter chapter = context.chapters(i);
            double unit = av_q2d(chapter.time_base());
            var title = av_dict_get(chapter.metadata(), "title", null, 0);
            chapters.add(new Chapter(title == null ? "" : title.value().getString(), chapter.start() * unit,
                    chapter.end() * unit));
        }
        return chapters;
    }

    /**
     * Gives the recorder's file these chapters; call it after the last frame and before {@code stop()}. A film without
     * chapters is still a film: if they cannot be added, that is logged and the film is written without.
     */
    static void add(FFmpegFrameRecorder recorder, List<Chapter> chapters) {
        if (chapters.isEmpty()) {
            return;
        }
        AVFormatContext context = formatContext(recorder);
        if (context == null || context.nb_chapters() != 0) {
            return;
        }
        // Allocated with FFmpeg's allocator: avformat_free_context frees the chapters, their titles and the array.
        PointerPointer<AVChapter> array = new PointerPointer<>(av_mallocz((long) chapters.size() * Pointer.sizeof(
                PointerPointer.class)));
        for (int i = 0; i < chapters.size(); i++) {
            Chapter chapter = chapters.get(i);
            AVChapter entry = new AVChapter(av_mallocz(Pointer.sizeof(AVChapter.class)));
            entry.id(i + 1);
            entry.time_base().num(1).den(MILLIS);
            entry.start(Math.round(chapter.startSeconds() * MILLIS));
            entry.end(Math.round(chapter.endSeconds() * MILLIS));
            AVDictionary metadata = new AVDictionary(null);
            av_dict_set(metadata, "title", chapter.title(), 0);
            entry.metadata(metadata);
            array.put(i, entry);
        }
        context.chapters(array);
        context.nb_chapters(chapters.size());
    }

    /**
     * JavaCV keeps the recorder's format context to itself; the chapters need it. Read once per film, by reflection on
     * the field JavaCV has had under this name for years; a JavaCV without it makes films without chapters.
     */
    private static AVFormatContext formatContext(FFmpegFrameRecorder recorder) {
        try {
            Field field = FFmpegFrameRecorder.class.getDeclaredField("oc");
            field.setAccessible(true);
            return (AVFormatContext) field.get(recorder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Films are written without chapters: this JavaCV hides its format context ({})", e.toString());
            return null;
        }
    }
}
