package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.merge.testing.TestMedia;
import dev.montazz.stack.Platform.Service;
import dev.montazz.stack.Platform;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Deleting a montage removes everything every service kept of it (montage, floor, chunks, takes, render, films, stills,
 * normalised takes), read straight from the platform's MongoDB: no collection and no GridFS bucket keeps a trace.
 */
class DeletionTest {

    @TempDir
    static Path dir;

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void deletingAMontageLeavesNothingBehindInAnyCollectionOrBucket() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        Person eve = Person.signUp(platform, "Eve");
        String montage = Api.createMontage(platform, ann, "To be deleted " + UUID.randomUUID());
        String kept = Api.createMontage(platform, ann, "To be kept");
        record(ann, montage);
        record(ann, kept);
        awaitReady(ann, montage);
        awaitReady(ann, kept);

        try (MongoClient client = MongoClients.create(platform.mongoUri())) {
            MongoDatabase db = client.getDatabase(databaseName());
            assertThat(traces(db, montage)).as("before: every service keeps something").contains("montages", "floors",
                    "chunks", "takes", "renders", "videos.files", "thumbnails.files", "normalised.files");

            assertThat(Http.delete(portal("/api/montages/" + montage), eve.bearer()).statusCode())
                    .as("only the owner deletes").isEqualTo(404);
            assertThat(Http.delete(portal("/api/montages/" + montage), ann.bearer()).statusCode()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(traces(db, montage)).isEmpty());
            assertThat(orphanedChunks(db)).as("no GridFS chunk without its file").isEmpty();
            assertThat(traces(db, kept)).as("another montage is untouched").contains("montages", "renders",
                    "videos.files", "normalised.files");
        }
        assertThat(Http.get(portal("/api/montages/" + montage), ann.bearer()).statusCode()).isEqualTo(404);
        assertThat(Api.putChunk(platform, ann, montage, UUID.randomUUID().toString(), 0, false, 1,
                new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}).statusCode()).isEqualTo(404);
    }

    /**
     * A person deletes their account on auth's pages: their own montage goes everywhere, their shot leaves the film of
     * someone else's montage (made again without it), they leave every floor, their token stops working at once, and
     * no document, file or chunk naming them is left; their user name is free again.
     */
    @Test
    void deletingAnAccountLeavesNothingOfThePersonAndTheirShotLeavesOthersFilms() throws Exception {
        Person ann = Person.signUp(platform, "Ann");
        Person bob = Person.signUp(platform, "Bob");
        String annsMontage = Api.createMontage(platform, ann, "Ann's " + UUID.randomUUID());
        Api.invite(platform, ann, bob, annsMontage);
        String bobsMontage = Api.createMontage(platform, bob, "Bob's " + UUID.randomUUID());
        record(ann, annsMontage);
        byte[] bobsShotForAnn = record(bob, annsMontage);
        byte[] bobsOwnShot = record(bob, bobsMontage);
        awaitShots(ann, annsMontage, 2);
        awaitReady(bob, bobsMontage);

        // Before going, Bob downloads everything he gave.
        Map<String, byte[]> archive = unzip(Http.getBytes(portal("/api/account/export"), bob.bearer()));
        assertThat(new String(archive.get("montages.json"), java.nio.charset.StandardCharsets.UTF_8))
                .contains(bobsMontage).contains("\"account\" : \"" + bob.username() + "\"");
        assertThat(archive.keySet()).anySatisfy(name -> assertThat(name).startsWith("films/").endsWith(
                bobsMontage + ".mp4"));
        assertThat(archive.entrySet()).filteredOn(e -> e.getKey().startsWith("takes/"))
                .extracting(e -> e.getValue().length).as("both of his takes, as recorded")
                .containsExactlyInAnyOrder(bobsShotForAnn.length, bobsOwnShot.length);
        long fence = Api.takeTheFloor(platform, ann, annsMontage);
        Http.postJson(platform.url(Service.INGEST) + "/api/montages/" + annsMontage + "/floor/join", bob.bearer(),
                java.util.Map.of());

        String auth = platform.url(Service.AUTH);
        String warning = bob.browser().get(auth + "/account/delete").body();
        assertThat(warning).as("the warning names what goes").contains("Bob&#39;s").contains("Ann&#39;s");
        HttpResponse<String> deleted = bob.browser().submit(auth + "/account/delete", auth + "/account/delete",
                java.util.Map.of("confirm", bob.username()));
        assertThat(deleted.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?deleted"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.get(portal("/api/montages"),
                bob.bearer()).statusCode()).as("the token is refused at once").isEqualTo(401));
        try (MongoClient client = MongoClients.create(platform.mongoUri())) {
            MongoDatabase db = client.getDatabase(databaseName());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                assertThat(traces(db, bobsMontage)).as("Bob's montage").isEmpty();
                assertThat(personTraces(db, bob.username())).as("anything naming Bob").isEmpty();
            });
            Api.finishTurn(platform, ann, annsMontage, fence);
            JsonNode film = awaitShots(ann, annsMontage, 1);
            assertThat(film.at("/render/shots/0/contributor").asString()).isEqualTo("Ann");
            assertThat(orphanedChunks(db)).as("no GridFS chunk without its file").isEmpty();
        }
        HttpResponse<String> again = dev.montazz.auth.testing.People.signUp(
                new dev.montazz.auth.testing.Browser(platform.url(Service.PORTAL)), auth, bob.username(), "Bob",
                "another password for bob");
        assertThat(again.statusCode()).as("the user name is free again").isEqualTo(302);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws java.io.IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** Collections holding a document that names this person: account, usage, takes, chunks, floors, montages, files. */
    private static List<String> personTraces(MongoDatabase db, String username) {
        java.util.regex.Pattern inTakeKey = java.util.regex.Pattern.compile(
                "/" + java.util.regex.Pattern.quote(username) + "/");
        Bson names = Filters.or(Filters.eq("_id", username), Filters.eq("username", username),
                Filters.eq("contributorId", username), Filters.eq("owner", username),
                Filters.eq("contributors", username), Filters.eq("holder.username", username),
                Filters.eq("queue.username", username), Filters.regex("takeId", inTakeKey),
                Filters.regex("metadata.takeId", inTakeKey), Filters.regex("shots.takeId", inTakeKey));
        List<String> found = new ArrayList<>();
        for (String collection : db.listCollectionNames()) {
            if (db.getCollection(collection).countDocuments(names) > 0) {
                found.add(collection);
            }
        }
        return found;
    }

    private static JsonNode awaitShots(Person person, String montage, int shots) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> Http.tree(
                Http.get(portal("/api/montages/" + montage), person.bearer())), m -> RenderStatus.READY.name().equals(
                m.get("status").asString()) && m.at("/render/shots").size() == shots);
    }

    /** Records a 1.5 s take in two chunks; returns the bytes sent. */
    private static byte[] record(Person person, String montage) throws Exception {
        byte[] clip = Files.readAllBytes(TestMedia.webm(dir, montage, "red", 320, 240, 1.5, 440));
        long fence = Api.takeTheFloor(platform, person, montage);
        String take = UUID.randomUUID().toString();
        int half = clip.length / 2;
        assertThat(Api.putChunk(platform, person, montage, take, 0, false, fence, Arrays.copyOf(clip, half))
                .statusCode()).isEqualTo(200);
        assertThat(Api.putChunk(platform, person, montage, take, 1, true, fence,
                Arrays.copyOfRange(clip, half, clip.length)).statusCode()).isEqualTo(200);
        Api.finishTurn(platform, person, montage, fence);
        return clip;
    }

    private static void awaitReady(Person person, String montage) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> Http.tree(
                Http.get(portal("/api/montages/" + montage), person.bearer())).get("status").asString(),
                RenderStatus.READY.name()::equals);
    }

    /** The collections holding a document that names the montage, by id, by montageId or in GridFS metadata. */
    private static List<String> traces(MongoDatabase db, String montage) {
        Bson names = Filters.or(Filters.eq("_id", montage), Filters.eq("montageId", montage),
                Filters.eq("metadata.montageId", montage));
        List<String> found = new ArrayList<>();
        for (String collection : db.listCollectionNames()) {
            if (db.getCollection(collection).countDocuments(names) > 0) {
                found.add(collection);
            }
        }
        return found;
    }

    private static List<String> orphanedChunks(MongoDatabase db) {
        List<String> orphans = new ArrayList<>();
        for (String collection : db.listCollectionNames()) {
            if (!collection.endsWith(".chunks")) {
                continue;
            }
            String bucket = collection.substring(0, collection.length() - ".chunks".length());
            Set<Object> files = new HashSet<>();
            db.getCollection(bucket + ".files").find().projection(new Document("_id", 1))
                    .forEach(f -> files.add(f.get("_id")));
            db.getCollection(collection).find().projection(new Document("files_id", 1)).forEach(chunk -> {
                if (!files.contains(chunk.get("files_id"))) {
                    orphans.add(collection + ":" + chunk.get("files_id"));
                }
            });
        }
        return orphans;
    }

    private static String databaseName() {
        String uri = platform.mongoUri();
        String path = uri.substring(uri.indexOf('/', "mongodb://".length()) + 1);
        return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    }

    private static String portal(String path) {
        return platform.url(Service.PORTAL) + path;
    }
}
