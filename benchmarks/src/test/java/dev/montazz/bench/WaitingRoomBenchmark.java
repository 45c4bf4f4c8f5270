package dev.montazz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.montazz.contract.MongoCollections;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Waiting rooms (issue #17): many contributors wait in many queues, each with the studio's live stream of the floor
 * open (ingest's server-sent events, as their page has it), and every turn that passes must show each of them their new
 * place. Measured on the platform as the run command starts it: first 20 people in one queue (the reference), then
 * 1,000 in 50 queues of 20. In each, after the queues formed, every holder ends their turn at once, once a second, five
 * times; for every waiting person, the time from that turn's end being asked for to their page receiving their new
 * place. Prints p50 / p99 / max, ingest's resident memory with every stream open, and errors (a refused request, a
 * stream that broke, a place never shown within 10 s).
 * <p>
 * The people are contributors of montages written as the portal writes them, with tokens signed by the platform's own
 * key as auth-service signs them (a thousand sign-ups would measure auth, not the floor).
 */
class WaitingRoomBenchmark {

    private static final int PER_QUEUE = 20;
    private static final int ROUNDS = 5;
    private static final Duration SHOWN_WITHIN = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Each waiting page's time to its new place (ms), as its stream brought it. */
    private final ConcurrentLinkedQueue<Double> collected = new ConcurrentLinkedQueue<>();

    /** One person's studio page: their token, the montage, and their place as their stream last said. */
    private static final class Page {
        final String username;
        final String token;
        final String montage;
        volatile int place = -1;
        volatile Long fence;
        volatile boolean onAir;
        /** When their place is to change (nanoTime) and to what; -1 when nothing is awaited. */
        volatile long awaitingSince = -1;
        volatile int awaitedPlace;
        final AtomicInteger events = new AtomicInteger();

        Page(String username, String token, String montage) {
            this.username = username;
            this.token = token;
            this.montage = montage;
        }
    }

    /** One case's figures. */
    private record Figures(int people, int queues, int waits, double p50, double p99, double max, long rssMib,
            long errors) {
    }

    @Test
    void everyWaitingPageSeesTheTurnPassWithinAFractionOfASecond() throws Exception {
        try (BenchPlatform bench = BenchPlatform.open();
                MongoClient mongo = MongoClients.create(bench.platform().mongoUri())) {
            Platform platform = bench.platform();
            Tokens tokens = new Tokens(bench.data().resolve("auth-signing-key.pem"), platform.url(Service.AUTH));
            String database = platform.mongoUri().replaceAll(".*/([^/?]+).*", "$1");
            List<Figures> cases = new ArrayList<>();
            // Warm-up (not printed): one queue through cold code.
            measure(platform, mongo, database, tokens, "warm", 1);
            cases.add(measure(platform, mongo, database, tokens, "one", 1));
            cases.add(measure(platform, mongo, database, tokens, "fifty", 50));
            Figures reference = cases.get(0);
            System.out.printf("%n%-10s %7s %7s %9s %9s %9s %9s %11s %7s%n", "case", "people", "queues", "waits",
                    "p50 ms", "p99 ms", "max ms", "ingest RSS", "errors");
            for (Figures f : cases) {
                System.out.printf("%-10s %,7d %7d %,9d %9.1f %9.1f %9.1f %7d MiB %7d%n",
                        f.queues() == 1 ? "reference" : "waiting", f.people(), f.queues(), f.waits(), f.p50(),
                        f.p99(), f.max(), f.rssMib(), f.errors());
            }
            Figures many = cases.get(1);
            System.out.printf("p99 against one queue: %.2fx; memory per open page: %.0f KiB%n",
                    many.p99() / reference.p99(),
                    (many.rssMib() - reference.rssMib()) * 1024.0 / (many.people() - reference.people()));
            assertThat(many.errors()).as("errors with 1,000 waiting").isZero();
        }
    }

    private Figures measure(Platform platform, MongoClient mongo, String database, Tokens tokens, String name,
            int queues) throws Exception {
        List<List<Page>> rooms = new ArrayList<>();
        List<Document> montages = new ArrayList<>();
        for (int q = 0; q < queues; q++) {
            String montage = "wait-" + name + "-" + q;
            List<Page> room = new ArrayList<>();
            List<String> usernames = new ArrayList<>();
            for (int p = 0; p < PER_QUEUE; p++) {
                String username = "w" + name + q + "x" + p;
                usernames.add(username);
                room.add(new Page(username, tokens.of(username, "Waiter " + p), montage));
            }
            montages.add(new Document("_id", montage).append("title", "Waiting room " + q)
                    .append("owner", usernames.get(0)).append("ownerName", "Waiter 0")
                    .append("contributors", usernames).append("contributorNames", usernames)
                    .append("visibility", "PRIVATE").append("maxShotSeconds", 120).append("createdAt", new Date())
                    .append("_class", "dev.montazz.portal.montage.Montage"));
            rooms.add(room);
        }
        mongo.getDatabase(database).getCollection(MongoCollections.MONTAGES).insertMany(montages);
        String ingest = platform.url(Service.INGEST);
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> streams = new ArrayList<>();
        for (List<Page> room : rooms) {
            for (Page page : room) {
                streams.add(open(ingest, page, errors));
            }
        }
        long joinStarted = System.nanoTime();
        for (List<Page> room : rooms) {
            for (Page page : room) {
                int joined = post(ingest + "/api/montages/" + page.montage + "/floor/join", page.token);
                if (joined / 100 != 2) {
                    errors.incrementAndGet();
                }
            }
        }
        System.out.printf("%s: %d people joined %d queues in %.1f s%n", name, queues * PER_QUEUE, queues,
                (System.nanoTime() - joinStarted) / 1e9);
        // Every holder ends their turn once, unmeasured: those who got the floor while the others were still joining
        // may be near the end of their lease, which would pass the turn on by itself in the middle of a round.
        Thread.sleep(1_000);
        endTurns(ingest, rooms, errors, false);
        Thread.sleep(1_000);
        long rss = rss(platform.pid(Service.INGEST));
        collected.clear();
        for (int round = 0; round < ROUNDS; round++) {
            endTurns(ingest, rooms, errors, true);
            long deadline = System.nanoTime() + SHOWN_WITHIN.toNanos();
            for (List<Page> room : rooms) {
                for (Page page : room) {
                    while (page.awaitingSince >= 0 && page.place != page.awaitedPlace && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                }
            }
            for (List<Page> room : rooms) {
                for (Page page : room) {
                    if (page.awaitingSince >= 0) {
                        errors.incrementAndGet();
                        page.awaitingSince = -1;
                    }
                }
            }
            // Well within the new holders' countdown, so no turn passes on by itself.
            Thread.sleep(500);
        }
        rss = Math.max(rss, rss(platform.pid(Service.INGEST)));
        // Counted before the pages close: their streams then end as a closed page's do.
        int measuredErrors = errors.get();
        streams.forEach(stream -> stream.cancel(true));
        for (List<Page> room : rooms) {
            for (Page page : room) {
                post(ingest + "/api/montages/" + page.montage + "/floor/leave", page.token);
            }
        }
        double[] sorted = collected.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Figures(queues * PER_QUEUE, queues, sorted.length, percentile(sorted, 50), percentile(sorted, 99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], rss >> 10, measuredErrors);
    }

    /** Each room's holder ends their turn; when {@code measured}, every one waiting behind awaits their new place. */
    private void endTurns(String ingest, List<List<Page>> rooms, AtomicInteger errors, boolean measured)
            throws Exception {
        List<CompletableFuture<HttpResponse<String>>> ends = new ArrayList<>();
        for (List<Page> room : rooms) {
            Page holder = room.stream().filter(page -> page.onAir && page.fence != null).findFirst().orElse(null);
            if (holder == null) {
                errors.incrementAndGet();
                continue;
            }
            long now = System.nanoTime();
            for (Page page : room) {
                if (page != holder && page.place > 0) {
                    page.awaitedPlace = page.place - 1;
                    page.awaitingSince = measured ? now : -1;
                }
            }
            ends.add(http.sendAsync(HttpRequest.newBuilder(URI.create(ingest + "/api/montages/" + holder.montage
                    + "/floor/finish?fence=" + holder.fence)).header("Authorization", "Bearer " + holder.token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> end : ends) {
            if (end.get().statusCode() / 100 != 2) {
                errors.incrementAndGet();
            }
        }
    }

    /** The page's stream of the floor, read line by line as it comes. */
    private CompletableFuture<?> open(String ingest, Page page, AtomicInteger errors) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingest + "/api/montages/" + page.montage
                + "/floor/events")).header("Authorization", "Bearer " + page.token)
                .header("Accept", "text/event-stream").GET().build();
        Flow.Subscriber<String> lines = new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                if (!line.startsWith("data:")) {
                    return;
                }
                JsonNode view = BenchApi.JSON.readTree(line.substring(5));
                page.events.incrementAndGet();
                page.onAir = view.get("youAreOnAir").asBoolean();
                page.fence = view.get("fence").isNull() ? null : view.get("fence").asLong();
                int place = view.get("place").isNull() ? -1 : view.get("place").asInt();
                page.place = place;
                long since = page.awaitingSince;
                if (since >= 0 && place == page.awaitedPlace) {
                    collected.add((System.nanoTime() - since) / 1e6);
                    page.awaitingSince = -1;
                }
            }

            @Override
            public void onError(Throwable failure) {
                if (!(failure instanceof java.util.concurrent.CancellationException)) {
                    errors.incrementAndGet();
                }
            }

            @Override
            public void onComplete() {
            }
        };
        return http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(lines)).thenAccept(response -> {
            if (response.statusCode() != 200) {
                errors.incrementAndGet();
            }
        });
    }

    private int post(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /** Access tokens as auth-service issues them, signed with the platform's key (the launcher keeps it on disk). */
    private static final class Tokens {
        private final RSAKey key;
        private final String issuer;

        Tokens(Path pem, String issuer) throws Exception {
            String base64 = Files.readString(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            this.key = new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
            this.issuer = issuer;
        }

        String of(String username, String name) throws Exception {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(username).claim("name", name).issuer(issuer)
                    .audience(List.of("montazz-api")).issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
    }
}
