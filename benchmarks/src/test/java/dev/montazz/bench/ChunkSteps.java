package dev.montazz.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where chunks' time went, as ingest tells it: its {@code Slow chunk} log lines, one per chunk slower than
 * {@code montazz.ingest.slow-chunk} ({@link #EVERY_CHUNK} logs them all), each with its steps. What the client
 * measured beyond ingest's own account is the HTTP exchange, the token's check and any queueing before the intake.
 */
final class ChunkSteps {

    /** The setting (for every service of a benchmark's own platform) that has ingest log every chunk's steps. */
    static final Map.Entry<String, String> EVERY_CHUNK = Map.entry("MONTAZZ_INGEST_SLOWCHUNK", "0ms");
    /** Ingest's steps in its order, then what the client saw beyond them. */
    static final List<String> COLUMNS = List.of("slot", "membership", "admit", "quota", "body", "record", "broker",
            "stored", "acknowledge", "outside");

    private static final Pattern LINE = Pattern.compile("Slow chunk (\\S+)/\\S+#(\\d+): ([0-9.]+) ms \\((.*) ms\\)");

    private ChunkSteps() {
    }

    /**
     * Each chunk's steps and, last, the client's round trip beyond them, in milliseconds: for the chunks of these
     * montages whose round trips the client measured ({@code roundTripsMs} by montage, in sequence order) and ingest
     * logged. Keyed by {@code montage#sequence}.
     */
    static Map<String, double[]> read(Path ingestLog, Map<String, List<Double>> roundTripsMs) throws IOException {
        Set<String> montages = roundTripsMs.keySet();
        Map<String, double[]> chunks = new HashMap<>();
        for (String line : Files.readAllLines(ingestLog)) {
            Matcher chunk = LINE.matcher(line);
            if (!chunk.find() || !montages.contains(chunk.group(1))) {
                continue;
            }
            List<Double> trips = roundTripsMs.get(chunk.group(1));
            int sequence = Integer.parseInt(chunk.group(2));
            if (sequence >= trips.size()) {
                continue;
            }
            double[] steps = new double[COLUMNS.size()];
            String[] parts = chunk.group(4).split(", ");
            for (int i = 0; i < parts.length && i < steps.length - 1; i++) {
                steps[i] = Double.parseDouble(parts[i].substring(parts[i].lastIndexOf(' ') + 1));
            }
            steps[steps.length - 1] = Math.max(0, trips.get(sequence) - Double.parseDouble(chunk.group(3)));
            chunks.put(chunk.group(1) + "#" + sequence, steps);
        }
        return chunks;
    }

    /** The mean of each column over these chunks (zeros for none). */
    static double[] mean(Collection<double[]> chunks) {
        double[] sum = new double[COLUMNS.size()];
        for (double[] chunk : chunks) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += chunk[i] / chunks.size();
            }
        }
        return sum;
    }
}
