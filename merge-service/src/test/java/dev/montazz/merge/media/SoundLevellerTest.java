package dev.montazz.merge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ShortBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The loudness meter against BS.1770's reference tone, and the leveller's gain, ceiling and timing. */
class SoundLevellerTest {

    private static final int RATE = FilmFormat.SAMPLE_RATE;

    @Test
    void aStereoToneOf1KhzReadsItsLevelAndSilenceIsGatedOut() {
        Loudness tone = new Loudness();
        tone.add(tone(1000, -20, 3.0));
        assertThat(tone.integrated()).isCloseTo(-20.0, within(0.05));
        assertThat(tone.samplePeakDb()).isCloseTo(-20.0, within(0.05));

        // Without the gates, as much silence as tone would read 3 LU quieter; only the blocks straddling the end count.
        Loudness withSilence = new Loudness();
        withSilence.add(tone(1000, -20, 3.0));
        withSilence.add(ShortBuffer.wrap(new short[RATE * 2 * 3]));
        assertThat(withSilence.integrated()).isCloseTo(-20.0, within(0.5));

        Loudness silence = new Loudness();
        silence.add(ShortBuffer.wrap(new short[RATE * 2]));
        assertThat(silence.integrated()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void quietAndLoudTakesEndAtTheFilmsLoudness() {
        for (double level : new double[] {-42, -30, -16, -6, -1}) {
            ShortBuffer in = tone(440, level, 4.0);
            ShortBuffer out = level(in, 4800);
            assertThat(out.remaining()).as("as many samples out as in").isEqualTo(in.remaining());
            assertThat(loudness(out)).as("a tone at %.0f dBFS", level).isCloseTo(SoundLeveller.TARGET_LUFS, within(0.3));
            assertThat(peakDb(out)).isLessThanOrEqualTo(SoundLeveller.CEILING_DB + 0.01);
        }
    }

    @Test
    void peaksTheGainWouldPushOverTheCeilingAreLimitedAndTheRestKeepsItsLevel() {
        // Quiet talk with a few loud claps: raised to -16 LUFS the claps would clip by far.
        short[] samples = new short[RATE * 2 * 6];
        Random random = new Random(7);
        for (int i = 0; i < samples.length / 2; i++) {
            double t = i / (double) RATE;
            double talk = 0.03 * Math.sin(2 * Math.PI * 300 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t));
            double clap = (t % 1.5) < 0.02 ? 0.95 * (random.nextDouble() * 2 - 1) : 0;
            samples[2 * i] = (short) Math.round((talk + clap) * 32767);
            samples[2 * i + 1] = samples[2 * i];
        }
        ShortBuffer out = level(ShortBuffer.wrap(samples), 1000);
        assertThat(peakDb(out)).isLessThanOrEqualTo(SoundLeveller.CEILING_DB + 0.01);
        assertThat(loudness(out)).isCloseTo(SoundLeveller.TARGET_LUFS, within(1.0));
    }

    @Test
    void soundComesOutInStepWithWhatWentInHoweverItIsSplit() {
        short[] samples = new short[RATE * 2];
        samples[2 * 12_345] = 1000;   // a click, on the left
        SoundLeveller leveller = SoundLeveller.forLoudness(-16);
        ShortBuffer whole = level(ShortBuffer.wrap(samples), samples.length);
        ShortBuffer split = level(ShortBuffer.wrap(samples), 778);   // whole frames, as decoders hand them over
        assertThat(whole.get(2 * 12_345)).isEqualTo((short) 1000);
        assertThat(whole.get(2 * 12_345 + 1)).isZero();
        for (int i = 0; i < whole.remaining(); i++) {
            assertThat(split.get(i)).isEqualTo(whole.get(i));
        }
        assertThat(leveller.gainDb()).isCloseTo(0, within(1e-9));
    }

    @Test
    void silenceAndSoundThatCannotBeMeasuredKeepTheirLevel() {
        assertThat(SoundLeveller.forLoudness(Double.NEGATIVE_INFINITY).gainDb()).isZero();
        assertThat(SoundLeveller.forLoudness(Double.NaN).gainDb()).isZero();
        assertThat(SoundLeveller.forLoudness(-60).gainDb()).isEqualTo(SoundLeveller.MAX_GAIN_DB);
    }

    @Test
    void aTakeLevelledAsItIsRecordedIsAsLoudAsOneLevelledWhole() {
        for (double level : new double[] {-40, -28, -16, -4}) {
            for (double seconds : new double[] {3, 12, 40}) {
                ShortBuffer in = tone(440, level, seconds);
                ShortBuffer out = levelAsRecorded(in, 1920);
                assertThat(out.remaining()).as("as many samples out as in").isEqualTo(in.remaining());
                assertThat(loudness(out)).as("%.0f s of a tone at %.0f dBFS", seconds, level)
                        .isCloseTo(SoundLeveller.TARGET_LUFS, within(0.3));
                assertThat(peakDb(out)).isLessThanOrEqualTo(SoundLeveller.CEILING_DB + 0.01);
            }
        }
    }

    @Test
    void aTakeNoLongerThanWhatIsHeldBackIsLevelledExactlyAsFromTheWholeRecording() {
        ShortBuffer in = tone(300, -30, RunningLeveller.HOLD_SECONDS - 0.5);
        ShortBuffer whole = level(in, 4800);
        ShortBuffer asRecorded = levelAsRecorded(in, 4800);
        assertThat(asRecorded.remaining()).isEqualTo(whole.remaining());
        for (int i = 0; i < whole.remaining(); i++) {
            assertThat(asRecorded.get(i)).isEqualTo(whole.get(i));
        }
    }

    @Test
    void someoneWhoStartsQuietlyAndThenSpeaksUpEndsWithinALoudnessUnitOfTheFilms() {
        // Ten seconds at -36 dBFS, then half a minute at -20: the first seconds' gain would be 12 dB too much.
        ShortBuffer quiet = tone(440, -36, 10);
        ShortBuffer louder = tone(440, -20, 30);
        ShortBuffer in = ShortBuffer.allocate(quiet.remaining() + louder.remaining());
        in.put(quiet).put(louder).flip();
        ShortBuffer out = levelAsRecorded(in, 1920);
        assertThat(loudness(out)).isCloseTo(SoundLeveller.TARGET_LUFS, within(1.0));
        assertThat(peakDb(out)).isLessThanOrEqualTo(SoundLeveller.CEILING_DB + 0.01);
    }

    /** Levels the buffer as the normaliser does while a take is recorded, in pieces, never knowing what follows. */
    private static ShortBuffer levelAsRecorded(ShortBuffer in, int piece) {
        RunningLeveller leveller = new RunningLeveller();
        ShortBuffer out = ShortBuffer.allocate(in.remaining());
        for (int from = in.position(); from < in.limit(); from += piece) {
            ShortBuffer part = in.duplicate();
            part.position(from).limit(Math.min(in.limit(), from + piece));
            out.put(leveller.level(part.slice()));
        }
        out.put(leveller.finish());
        return out.flip();
    }

    /** Levels the whole buffer in pieces of {@code piece} samples, as the normaliser hands sound over. */
    private static ShortBuffer level(ShortBuffer in, int piece) {
        Loudness meter = new Loudness();
        meter.add(in.duplicate());
        SoundLeveller leveller = SoundLeveller.forLoudness(meter.integrated());
        ShortBuffer out = ShortBuffer.allocate(in.remaining());
        for (int from = in.position(); from < in.limit(); from += piece) {
            ShortBuffer part = in.duplicate();
            part.position(from).limit(Math.min(in.limit(), from + piece));
            out.put(leveller.level(part.slice()));
        }
        out.put(leveller.finish());
        return out.flip();
    }

    private static double loudness(ShortBuffer samples) {
        Loudness meter = new Loudness();
        meter.add(samples.duplicate());
        return meter.integrated();
    }

    private static double peakDb(ShortBuffer samples) {
        Loudness meter = new Loudness();
        meter.add(samples.duplicate());
        return meter.samplePeakDb();
    }

    /** A stereo sine with its peaks at {@code peakDb} below full scale. */
    private static ShortBuffer tone(double hz, double peakDb, double seconds) {
        int frames = (int) (RATE * seconds);
        short[] samples = new short[frames * 2];
        double amplitude = 32767 * Math.pow(10, peakDb / 20);
        for (int i = 0; i < frames; i++) {
            short s = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
            samples[2 * i] = s;
            samples[2 * i + 1] = s;
        }
        return ShortBuffer.wrap(samples);
    }
}
