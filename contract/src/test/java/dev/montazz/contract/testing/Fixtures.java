package dev.montazz.contract.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.montazz.contract.Topics;
import dev.montazz.contract.account.AccountDeleted;
import dev.montazz.contract.live.LiveAudience;
import dev.montazz.contract.chunk.StoreReply;
import dev.montazz.contract.montage.FilmEdit;
import dev.montazz.contract.montage.Framing;
import dev.montazz.contract.montage.Layout;
import dev.montazz.contract.montage.MontageDeleted;
import dev.montazz.contract.montage.MontageMembership;
import dev.montazz.contract.montage.MontageSettings;
import dev.montazz.contract.montage.Transition;
import dev.montazz.contract.render.RenderProgress;
import dev.montazz.contract.render.RenderRequest;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.contract.take.TakeStored;

/**
 * The examples both sides of each topic and shared collection test against: a producer's serialisation of
 * {@code event(topic)} must be the JSON of {@code json(topic)}, and a consumer must read that JSON as the event. The
 * JSON files are the ones docs/kafka-contract.md shows.
 */
public final class Fixtures {

    public static final RenderRequest RENDER_REQUEST = new RenderRequest("7IPe6kE17sr", "take 0b6c finished",
            Instant.parse("2026-11-25T08:28:17.232Z"));
    public static final RenderProgress RENDER_PROGRESS = new RenderProgress("7IPe6kE17sr", RenderStatus.RENDERING, 42,
            6, "Preparing the shot by Ann", null, Instant.parse("2026-11-25T08:28:19.004Z"));
    public static final TakeStored TAKE_STORED = new TakeStored("7IPe6kE17sr", "7IPe6kE17sr/ann/0b6c", 12, false,
            Instant.parse("2026-11-25T08:28:05.120Z"));
    public static final StoreReply STORE_REPLY = new StoreReply(StoreReply.Status.STORED, 3, 41, null);
    public static final AccountDeleted ACCOUNT_DELETED = new AccountDeleted("bob", "Bob", "bob",
            Instant.parse("2026-12-02T09:12:00Z"));
    public static final MontageDeleted MONTAGE_DELETED = new MontageDeleted("7IPe6kE17sr", "ann",
            Instant.parse("2026-11-25T09:12:00Z"));

    public static final LiveAudience LIVE_AUDIENCE = new LiveAudience("7IPe6kE17sr",
            "5f0c2a9e-8d1b-4c3e-9a47-2b6d0e1f3c58", 12, Instant.parse("2026-12-02T16:40:00Z"));

    /** A montage as merge must read it: a writer of montages stores one with these values. */
    public static final MontageSettings MONTAGE_SETTINGS = new MontageSettings("fixture-montage", "Summer at the lake",
            Layout.SEQUENCE, Transition.CROSSFADE, new FilmEdit(List.of("fixture-montage/bob/t2",
                    "fixture-montage/ann/t1", "fixture-montage/ann/t3"), List.of("fixture-montage/ann/t3"),
                    List.of(new FilmEdit.Trim("fixture-montage/bob/t2", 1.5, 4.0))), Framing.BLURRED);
    /** The same montage as ingest and auth must read it. */
    public static final MontageMembership MONTAGE_MEMBERSHIP = new MontageMembership("fixture-montage",
            "Summer at the lake", "ann", List.of("ann", "bob"), 45);

    private static final Map<String, Object> EVENTS = Map.of(Topics.RENDER_REQUESTS, RENDER_REQUEST,
            Topics.RENDER_PROGRESS, RENDER_PROGRESS, Topics.CHUNK_RECEIPTS, STORE_REPLY, Topics.ACCOUNT_DELETIONS,
            ACCOUNT_DELETED, Topics.MONTAGE_DELETIONS, MONTAGE_DELETED, Topics.LIVE_AUDIENCE, LIVE_AUDIENCE,
            Topics.TAKES_STORED, TAKE_STORED);
    private static final Map<String, String> FILES = Map.of(Topics.RENDER_REQUESTS, "render-request.json",
            Topics.RENDER_PROGRESS, "render-progress.json", Topics.CHUNK_RECEIPTS, "store-reply.json",
            Topics.ACCOUNT_DELETIONS, "account-deleted.json", Topics.MONTAGE_DELETIONS, "montage-deleted.json",
            Topics.LIVE_AUDIENCE, "live-audience.json", Topics.TAKES_STORED, "take-stored.json");

    private Fixtures() {
    }

    /** The example event on a topic (every topic but the chunks themselves, whose values are bytes). */
    public static Object event(String topic) {
        Object event = EVENTS.get(topic);
        if (event == null) {
            throw new IllegalArgumentException("No JSON events on " + topic);
        }
        return event;
    }

    /** The same event as the JSON on the wire. */
    public static byte[] json(String topic) {
        String file = FILES.get(topic);
        if (file == null) {
            throw new IllegalArgumentException("No JSON events on " + topic);
        }
        try (InputStream in = Fixtures.class.getResourceAsStream("/contract/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Topics whose values are JSON events. */
    public static List<String> jsonTopics() {
        return Topics.ALL.stream().map(topic -> topic.name()).filter(EVENTS::containsKey).toList();
    }
}
