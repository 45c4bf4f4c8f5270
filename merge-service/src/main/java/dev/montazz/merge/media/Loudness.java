package dev.montazz.merge.media;

import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Integrated loudness of stereo 48 kHz sound as ITU-R BS.1770-4 / EBU R128 define it: K-weighted (a high shelf, then
 * a high pass), mean square over 400 ms blocks every 100 ms, blocks quieter than -70 LUFS left out, then blocks more
 * than 10 LU below the mean of the rest. Also the loudest sample, for the limiter's decision.
 */
final class Loudness {

    /** Below this a take is silence, not quiet speech: it is not raised. */
    static final double SILENCE = -70;

    private static final int RATE = FilmFormat.SAMPLE_RATE;
    private static final int STEP = RATE / 10;
    private static final int BLOCK = 4 * STEP;

    private final KWeighting[] channels = {new KWeighting(), new KWeighting()};
    /** Sum of squares of the K-weighted signal over each 100 ms step, both channels added. */
    private final List<Double> steps = new ArrayList<>();
    private double current;
    private int inStep;
    private int peak;

    void add(ShortBuffer interleaved) {
        for (int i = interleaved.position(); i + 1 < interleaved.limit(); i += 2) {
            short left = interleaved.get(i);
            short right = interleaved.get(i + 1);
            peak = Math.max(peak, Math.max(Math.abs(left), Math.abs(right)));
            double l = channels[0].filter(left / 32768.0);
            double r = channels[1].filter(right / 32768.0);
            current += l * l + r * r;
            if (++inStep == STEP) {
                steps.add(current);
                current = 0;
                inStep = 0;
            }
        }
    }

    /** Integrated loudness in LUFS; {@link Double#NEGATIVE_INFINITY} for silence or less than 400 ms of sound. */
    double integrated() {
        List<Double> blocks = new ArrayList<>();
        for (int i = 0; i + 4 <= steps.size(); i++) {
            double sum = steps.get(i) + steps.get(i + 1) + steps.get(i + 2) + steps.get(i + 3);
            blocks.add(sum / BLOCK);
        }
        double absolute = power(SILENCE);
        List<Double> audible = blocks.stream().filter(z -> z > absolute).toList();
        if (audible.isEmpty()) {
            return Double.NEGATIVE_INFINITY;
        }
        double relative = mean(audible) * power(-10);
        List<Double> gated = audible.stream().filter(z -> z > relative).toList();
        return lufs(mean(gated));
    }

    /** The loudest sample, in dB below full scale (0 at full scale). */
    double samplePeakDb() {
        return peak == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(peak / 32768.0);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double lufs(double meanSquare) {
        return -0.691 + 10 * Math.log10(meanSquare);
    }

    private static double power(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }

    /** The two biquads of BS.1770's K-weighting, with the standard's coefficients for 48 kHz. */
    private static final class KWeighting {

        private final Biquad shelf = new Biquad(1.53512485958697, -2.69169618940638, 1.19839281085285,
                -1.69065929318241, 0.73248077421585);
        private final Biquad highPass = new Biquad(1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621);

        double filter(double x) {
            return highPass.filter(shelf.filter(x));
        }
    }

    private static final class Biquad {

        private final double b0;
        private final double b1;
        private final double b2;
        private final double a1;
        private final double a2;
        private double z1;
        private double z2;

        Biquad(double b0, double b1, double b2, double a1, double a2) {
            this.b0 = b0;
            this.b1 = b1;
            this.b2 = b2;
            this.a1 = a1;
            this.a2 = a2;
        }

        /** Transposed direct form II. */
        double filter(double x) {
            double y = b0 * x + z1;
            z1 = b1 * x - a1 * y + z2;
            z2 = b2 * x - a2 * y;
            return y;
        }
    }
}
