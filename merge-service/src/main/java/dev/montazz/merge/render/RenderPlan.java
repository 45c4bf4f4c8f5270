package dev.montazz.merge.render;

import java.time.Instant;
import java.util.List;

import dev.montazz.contract.montage.MontageSettings;
import dev.montazz.contract.render.FilmLayout;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.take.Take;

/**
 * What a render is to make: the montage's finished takes in the owner's order, without those left out, laid out as its
 * settings say.
 *
 * @param requestedAt when the render was asked for; a film made after it from the same takes needs no other
 */
record RenderPlan(String montageId, Instant requestedAt, MontageSettings settings, Arrangement arrangement,
        List<Take> takes) {

    /** @param finished the montage's finished takes in the order they were recorded */
    static RenderPlan of(String montageId, Instant requestedAt, MontageSettings settings, List<Take> finished) {
        return new RenderPlan(montageId, requestedAt, settings,
                Arrangement.of(FilmLayout.of(settings.layout(), settings.transition())),
                settings.edit().film(finished, Take::id));
    }

    /** All the work: normalising the takes that need it, then laying out and storing the film. */
    double plannedWork(double titleSeconds) {
        List<Double> seconds = takes.stream().map(TakePreparation::estimatedSeconds).toList();
        double normalising = takes.stream().filter(Take::needsNormalising)
                .mapToDouble(TakePreparation::estimatedSeconds).sum();
        return normalising + arrangement.plannedWork(titleSeconds, seconds);
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
                || takes.stream().anyMatch(Take::needsNormalising)) {
            return false;
        }
        List<String> inFilm = current.shots().stream().map(Render.Shot::takeId).toList();
        List<String> usable = takes.stream().filter(Take::usable).map(Take::id).toList();
        return inFilm.equals(usable);
    }
}
