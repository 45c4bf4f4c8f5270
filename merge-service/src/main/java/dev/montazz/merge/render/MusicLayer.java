package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import dev.montazz.merge.files.MediaFiles;
import dev.montazz.merge.media.MusicMixer;
import dev.montazz.merge.music.MusicBed;
import dev.montazz.merge.music.MusicBeds;
import org.springframework.stereotype.Component;

/** The render's last step when the montage has music: the bed laid under the joined film (its sound made again). */
@Component
class MusicLayer {

    private final MusicBeds beds;
    private final MusicMixer mixer;
    private final MediaFiles files;

    MusicLayer(MusicBeds beds, MusicMixer mixer, MediaFiles files) {
        this.beds = beds;
        this.mixer = mixer;
        this.files = files;
    }

    Optional<MusicBed> bedOf(String montageId) {
        return beds.of(montageId);
    }

    /** The film with the plan's music under it, beside it in its directory. */
    Path under(RenderPlan plan, Path film, RenderProgressEvents.Tracker tracker) throws IOException {
        Path sound = film.resolveSibling("music");
        files.downloadMusic(plan.music().fileId(), sound);
        Path scored = film.resolveSibling("montage.mp4");
        double before = tracker.done();
        tracker.stage("Laying the music under the film", before);
        mixer.mix(film, new MusicMixer.Bed(sound, plan.music().loudness(), plan.score().musicLevel()), scored,
                seconds -> tracker.report(before + seconds * RenderPlan.MIX_WORK));
        return scored;
    }
}
