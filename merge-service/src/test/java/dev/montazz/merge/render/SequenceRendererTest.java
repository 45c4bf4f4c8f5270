package dev.montazz.merge.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.montazz.merge.MergeProperties;
import dev.montazz.merge.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceRendererTest {

    @TempDir
    Path dir;

    private final SequenceRenderer renderer =
            new SequenceRenderer(new MergeProperties("chunks", 1, "renders", Path.of("unused"), 30));

    @Test
    void rendersTakesOfDifferentSizesInTurnOrderWithSoundThroughout() throws Exception {
        Path red = TestMedia.webm(dir, "red", "red", 640, 480, 2.0, 440);
        Path green = TestMedia.webm(dir, "green", "lime", 320, 240, 1.5, 0);
        Path blue = TestMedia.webm(dir, "blue", "blue", 640, 360, 2.0, 660);
        Path film = dir.resolve("film.mp4");

        SequenceRenderer.Result result = renderer.render(List.of(new ShotInput("t1", "Ann", red),
                new ShotInput("t2", "Bob", green), new ShotInput("t3", "Cleo", blue)), film);

        TestMedia.Probe probe = TestMedia.probe(film);
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.audioCodec()).isEqualTo("aac");
        assertThat(probe.width()).isEqualTo(640);
        assertThat(probe.height()).isEqualTo(480);
        assertThat(probe.durationSeconds()).isCloseTo(5.5, within(0.2));
        assertThat(result.shots()).extracting(Render.Shot::contributor).containsExactly("Ann", "Bob", "Cleo");
        assertThat(result.shots().get(1).offsetSeconds()).isCloseTo(2.0, within(0.1));
        assertThat(result.shots().get(2).offsetSeconds()).isCloseTo(3.5, within(0.1));
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, 1.0), 0)).as("red first").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, 2.7), 1)).as("green second").isTrue();
        assertThat(TestMedia.isPrimary(TestMedia.colourAt(film, 4.5), 2)).as("blue third").isTrue();
        // Bob's take has no microphone: silence there, and Cleo's tone still lines up with her picture.
        assertThat(TestMedia.loudness(film, 0.3, 1.7)).isGreaterThan(1000);
        assertThat(TestMedia.loudness(film, 2.3, 3.3)).isLessThan(50);
        assertThat(TestMedia.loudness(film, 3.8, 5.3)).isGreaterThan(1000);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void skipsATakeThatIsNotVideoAndSaysWhy() throws Exception {
        Path good = TestMedia.webm(dir, "good", "red", 320, 240, 1.0, 440);
        Path broken = Files.write(dir.resolve("broken.webm"), new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 1, 2});
        Path film = dir.resolve("film.mp4");

        SequenceRenderer.Result result = renderer.render(
                List.of(new ShotInput("t1", "Ann", good), new ShotInput("t2", "Bob", broken)), film);

        assertThat(result.shots()).extracting(Render.Shot::contributor).containsExactly("Ann");
        assertThat(result.problems()).singleElement().asString().contains("Bob");
        assertThat(TestMedia.probe(film).durationSeconds()).isCloseTo(1.0, within(0.2));
    }
}
