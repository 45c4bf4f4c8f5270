package dev.montazz.merge.render;

import java.time.Instant;
import java.util.List;

import dev.montazz.merge.music.MusicBed;
import dev.montazz.contract.montage.FilmEdit;
import dev.montazz.contract.montage.Framing;
import dev.montazz.contract.montage.MontageSettings;
import dev.montazz.contract.render.FilmLayout;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.take.Take;

/**
 * What a render is to make: the montage's finished takes in the owner's order, without those left out, laid out as its
 * settings say.
 *
 * @param requestedAt when the render was asked for; a film made after it from the same takes needs no other
 * @param music the music bed to lay under the film; null for none
 */
record RenderPlan(String montageId, Instant requestedAt, MontageSettings settings, Arrangement arrangement,
        List<Take> takes, MusicBed music) {

    /** Mixing music in decodes and encodes the film's sound; a little more than joining. */
    static final double MIX_WORK = 0.06;

    /**
     * @param finished the montage's finished takes in the order they were recorded
     * @param bed the montage's music bed, if it has one: it plays unless the owner removed it
     */
    static RenderPlan of(String montageId, Instant requestedAt, MontageSettings settings, List<Take> finished,
            java.util.Optional<MusicBed> bed) {
        return new RenderPlan(montageId, requestedAt, settings,
                Arrangement.of(FilmLayout.of(settings.layout(), settings.transition())),
                settings.edit().film(finished),
                bed.filter(music -> settings.edit().music().plays(music.musicId())).orElse(null));
    }

    /** The bed and level the film is to have; null without music. */
    Render.Music score() {
        return music == null ? null : new Render.Music(music.musicId(), settings.edit().music().levelDb());
    }

    /** The owner's trim of this take, if they trimmed it. */
    java.util.Optional<FilmEdit.Trim> trimOf(Take take) {
        return settings.edit().trimOf(take.id());
    }

    /** Whether the take is trimmed and its trimmed copy is still to be made. */
    boolean needsTrimming(Take take) {
        return trimOf(take).filter(trim -> !take.trimmedAs(trim, framingOf(take))).isPresent();
    }

    /** Whether the take is still to be brought into the film's format, as this montage frames its takes. */
    boolean needsNormalising(Take take) {
        return take.needsNormalising() || take.finished() && !take.framedAs(framingOf(take));
    }

    /**
     * How the take is to fill the frame: as the montage says, or, once its recording was let go, as its normalised
     * copy already does (there is nothing left to frame it again from).
     */
    Framing framingOf(Take take) {
        return take.recordingReleased() && take.normalised() != null ? take.normalised().framing()
                : settings.framing();
    }

    /** All the work: normalising and trimming the takes that need it, then laying out and storing the film. */
    double plannedWork(double titleSeconds) {
        List<Double> seconds = takes.stream().map(take -> trimOf(take).map(FilmEdit.Trim::seconds)
                .orElseGet(() -> TakePreparation.estimatedSeconds(take))).toList();
        double normalising = takes.stream().filter(this::needsNormalising)
                .mapToDouble(TakePreparation::estimatedSeconds).sum();
        double trimming = takes.stream().filter(this::needsTrimming)
                .mapToDouble(take -> trimOf(take).map(FilmEdit.Trim::endSeconds).orElse(0.0)).sum();
        double mixing = music == null ? 0
                : (titleSeconds + seconds.stream().mapToDouble(Double::doubleValue).sum()) * MIX_WORK;
        return normalising + trimming + arrangement.plannedWork(titleSeconds, seconds) + mixing;
    }

    /**
     * Whether a film made after the request already has exactly these takes in this layout. Each take's end is
     * announced twice (its last chunk, then the end of the turn), and a request queued behind a render that covered it
     * needs no other.
     */
    boolean madeBy(Render current) {
        if (current == null || current.status() != RenderStatus.READY || current.layout() != arrangement.layout()
                || requestedAt == null || current.timing() == null || current.timing().renderedAt() == null
                || !current.timing().renderedAt().isAfter(requestedAt)
                || takes.stream().anyMatch(take -> needsNormalising(take) || needsTrimming(take))
                || !java.util.Objects.equals(current.film() == null ? null : current.film().music(), score())) {
            return false;
        }
        List<String> inFilm = current.shots().stream()
                .map(shot -> shot.takeId() + " " + shot.trimStart() + " " + shot.trimEnd()).toList();
        List<String> planned = takes.stream().filter(Take::usable).map(take -> take.id() + " "
                + trimOf(take).map(trim -> trim.startSeconds() + " " + trim.endSeconds()).orElse("null null"))
                .toList();
        return inFilm.equals(planned);
    }
}
