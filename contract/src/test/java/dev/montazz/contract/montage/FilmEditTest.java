package dev.montazz.contract.montage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The one placing rule the portal and merge-service share: order, takes left out, and retakes. */
class FilmEditTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private record Take(String id, String contributorId, Instant startedAt) implements FilmEdit.Placeable {
    }

    private final Take ann = new Take("m/ann/1", "ann", T0);
    private final Take bob = new Take("m/bob/1", "bob", T0.plusSeconds(60));
    private final Take cleo = new Take("m/cleo/1", "cleo", T0.plusSeconds(120));

    @Test
    void namedTakesComeFirstInTheirOrderAndNewOnesFollowAsRecorded() {
        FilmEdit edit = new FilmEdit(List.of("m/cleo/1", "m/ann/1", "m/gone/1"), List.of("m/ann/1"));
        Take later = new Take("m/ann/2", "ann", T0.plusSeconds(300));

        assertThat(edit.arrange(List.of(ann, bob, cleo, later))).containsExactly(cleo, ann, bob, later);
        assertThat(edit.film(List.of(ann, bob, cleo, later))).containsExactly(cleo, bob, later);
        assertThat(FilmEdit.NONE.film(List.of(ann, bob, cleo))).containsExactly(ann, bob, cleo);
    }

    @Test
    void aContributorsNextTakeAfterARetakeWasAskedReplacesTheShotWhereItIs() {
        FilmEdit asked = new FilmEdit(List.of("m/bob/1", "m/ann/1", "m/cleo/1"), List.of(), List.of(),
                List.of(new FilmEdit.Retake("m/bob/1", "bob", T0.plusSeconds(200))));
        Take before = new Take("m/bob/0", "bob", T0.plusSeconds(100));
        Take again = new Take("m/bob/2", "bob", T0.plusSeconds(400));
        Take more = new Take("m/bob/3", "bob", T0.plusSeconds(500));
        Take annAgain = new Take("m/ann/2", "ann", T0.plusSeconds(450));

        assertThat(asked.film(List.of(ann, before, bob, cleo))).as("asked, not recorded yet: as it was")
                .containsExactly(bob, ann, cleo, before);
        List<Take> recorded = List.of(ann, before, bob, cleo, again, annAgain, more);
        assertThat(asked.film(recorded)).as("Bob's first take after the request takes his shot's place")
                .containsExactly(again, ann, cleo, before, annAgain, more);
        assertThat(asked.arrange(recorded)).as("the replaced take is kept, after the one replacing it")
                .containsExactly(again, bob, ann, cleo, before, annAgain, more);
        assertThat(asked.out(recorded)).containsExactly("m/bob/1");

        FilmEdit settled = asked.settled(recorded);
        assertThat(settled.retakes()).isEmpty();
        assertThat(settled.dropped()).containsExactly("m/bob/1");
        assertThat(settled.film(recorded)).as("the same film once written in").containsExactlyElementsOf(
                asked.film(recorded));
    }

    @Test
    void twoRetakesOfOnePersonAreAnsweredInTheOrderTheyWereAsked() {
        FilmEdit asked = new FilmEdit(List.of("m/bob/1", "m/ann/1", "m/bob/9"), List.of(), List.of(), List.of(
                new FilmEdit.Retake("m/bob/9", "bob", T0.plusSeconds(210)),
                new FilmEdit.Retake("m/bob/1", "bob", T0.plusSeconds(200))));
        Take second = new Take("m/bob/9", "bob", T0.plusSeconds(150));
        Take first = new Take("m/bob/10", "bob", T0.plusSeconds(300));
        Take next = new Take("m/bob/11", "bob", T0.plusSeconds(310));

        assertThat(asked.film(List.of(ann, bob, second, first, next))).containsExactly(first, ann, next);
        assertThat(asked.film(List.of(ann, bob, second, first))).as("one answered, one still open")
                .containsExactly(first, ann, second);
    }
}
