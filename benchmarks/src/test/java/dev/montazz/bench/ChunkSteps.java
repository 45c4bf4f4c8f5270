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
 * Where chunks' time went, as ingest and merge tell it: their {@code Slow chunk} log lines, one per chunk slower than
 * {@code montazz.ingest.slow-chunk} and {@code montazz.merge.chunks.slow-chunk} ({@link #EVERY_CHUNK} logs them all),
 * each with its steps. Ingest's wait for merge's receipt is split with merge's line: the chunk's way to merge after
 * the broker acknowledged it, merge's own work, and the receipt's way back. What the client measured beyond ingest's
 * own account is the HTTP exchange, the token's check and any queueing before the intake.
 */
final class ChunkSteps {

    /** The settings (for every service of a benchmark's own platform) that have ingest and merge log every chunk. */
    static final Map.Entry<String, String> EVERY_CHUNK = Map.entry("MONTAZZ_INGEST_SLOWCHUNK", "0ms");
    static final Map.Entry<String, String> EVERY_STORE = Map.entry("MONTAZZ_MERGE_CHUNKS_SLOWCHUNK", "0ms");
    /** Ingest's steps in its order, its wait for the receipt in three, then what the client saw beyond them. */
    static final List<String> COLUMNS = List.of("slot", "membership", "admit", "quota", "body", "record", "broker",
            "to merge", "in merge", "back", "acknowledge", "outside");

    private static final Pattern INGEST = Pattern.compile("Slow chunk (\\S+)/\\S+#(\\d+): ([0-9.]+) ms \\((.*) ms\\)");
    private static final Pattern MERGE =
            Pattern.compile("Slow chunk store (\\S+?)/\\S+:(\\d+): [0-9.]+ ms \\(delivery ([0-9.]+), insert ([0-9.]+), "
                    + "take ([0-9.]+), receipt ([0-9.]+) ms\\)");
    private static final int BROKER = COLUMNS.indexOf("broker");
    private static final int TO_MERGE = COLUMNS.indexOf("to merge");
    private static final int IN_MERGE = COLUMNS.indexOf("in merge");
    private static final int BACK = COLUMNS.indexOf("back");

    private ChunkSteps() {
    }

    /**
     * Each chunk's steps and, last, the client's round trip beyond them, in milliseconds: for the chunks of these
     * montages whose round trips the client measured ({@code roundTripsMs} by montage, in sequence order) and ingest
     * logged. Keyed by {@code montage#sequence}. A chunk merge did not log has its whole wait for the receipt under
     * "back".
     */
    static Map<String, double[]> read(Path ingestLog, Path mergeLog, Map<String, List<Double>> roundTripsMs)
            throws IOException {
        Set<String> montages = roundTripsMs.keySet();
        Map<String, double[]> stores = new HashMap<>();
        for (String line : Files.readAllLines(mergeLog)) {
            Matcher store = MERGE.matcher(line);
            if (store.find() && montages.contains(store.group(1))) {
                stores.put(store.group(1) + "#" + store.group(2), new double[] {Double.parseDouble(store.group(3)),
                        Double.parseDouble(store.group(4)) + Double.parseDouble(store.group(5))
                                + Double.parseDouble(store.group(6))});
            }
        }
        Map<String, double[]> chunks = new HashMap<>();
        for (String line : Files.readAllLines(ingestLog)) {
            Matcher chunk = INGEST.matcher(line);
            if (!chunk.find() || !montages.contains(chunk.group(1))) {
                continue;
            }
            List<Double> trips = roundTripsMs.get(chunk.group(1));
            int sequence = Integer.parseInt(chunk.group(2));
            if (sequence >= trips.size()) {
                continue;
            }
            String key = chunk.group(1) + "#" + sequence;
            double[] logged = new double[COLUMNS.size() - 3];
            String[] parts = chunk.group(4).split(", ");
            for (int i = 0; i < parts.length && i < logged.length; i++) {
                logged[i] = Double.parseDouble(parts[i].substring(parts[i].lastIndexOf(' ') + 1));
            }
            double[] steps = new double[COLUMNS.size()];
            System.arraycopy(logged, 0, steps, 0, TO_MERGE);
            double stored = logged[TO_MERGE];
            steps[BACK + 1] = logged[TO_MERGE + 1];
            double[] store = stores.get(key);
            if (store != null) {
                // merge's delivery counts from ingest's send, so it overlaps ingest's wait for the broker.
                steps[TO_MERGE] = Math.min(stored, Math.max(0, store[0] - steps[BROKER]));
                steps[IN_MERGE] = Math.min(stored - steps[TO_MERGE], store[1]);
            }
            steps[BACK] = stored - steps[TO_MERGE] - steps[IN_MERGE];
            steps[steps.length - 1] = Math.max(0, trips.get(sequence) - Double.parseDouble(chunk.group(3)));
            chunks.put(key, steps);
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
