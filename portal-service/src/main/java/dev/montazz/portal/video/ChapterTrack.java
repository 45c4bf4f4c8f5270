package dev.montazz.portal.video;

import java.util.List;
import java.util.Locale;

import dev.montazz.contract.render.RenderView;

/**
 * A film's shots as a WebVTT chapters track, for the watch page's player: one cue per shot named after its
 * contributor, as the MP4 carries them. Shots that dissolve into each other overlap; cues end where the next begins.
 */
final class ChapterTrack {

    private ChapterTrack() {
    }

    static String of(List<RenderView.ShotView> shots) {
        StringBuilder track = new StringBuilder("WEBVTT\n");
        for (int i = 0; i < shots.size(); i++) {
            RenderView.ShotView shot = shots.get(i);
            double end = shot.offsetSeconds() + shot.durationSeconds();
            if (i + 1 < shots.size()) {
                end = Math.min(end, shots.get(i + 1).offsetSeconds());
            }
            track.append('\n').append(i + 1).append('\n').append(time(shot.offsetSeconds())).append(" --> ")
                    .append(time(end)).append('\n').append(text(shot.contributor())).append('\n');
        }
        return track.toString();
    }

    private static String time(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }

    /** Cue text is markup: a name is escaped, on one line, and never ends the cue. */
    private static String text(String name) {
        String line = (name == null || name.isBlank() ? "Shot" : name).replaceAll("[\\r\\n]+", " ");
        return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
