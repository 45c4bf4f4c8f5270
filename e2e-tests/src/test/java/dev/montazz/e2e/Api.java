package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.montazz.contract.render.RenderStatus;
import dev.montazz.stack.Platform.Service;
import dev.montazz.stack.Platform;
import tools.jackson.databind.JsonNode;

/** The platform's APIs as a script would call them, with a person's bearer token. */
final class Api {

    private Api() {
    }

    static String createMontage(Platform platform, Person owner, String title) throws Exception {
        HttpResponse<String> created = Http.postJson(platform.url(Service.PORTAL) + "/api/montages", owner.bearer(),
                Map.of("title", title));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.tree(created).get("id").asString();
    }

    /** The owner lets anyone signed in with the link watch the montage. */
    static void unlist(Platform platform, Person owner, String montage) throws Exception {
        HttpResponse<String> changed = Http.patchJson(platform.url(Service.PORTAL) + "/api/montages/" + montage,
                owner.bearer(), Map.of("visibility", "UNLISTED"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    /** The owner hands the invitation link on the watch page to the guest, who accepts it on the join page. */
    static void invite(Platform platform, Person owner, Person guest, String montage) throws Exception {
        String page = owner.browser().get(platform.url(Service.PORTAL) + "/montages/" + montage).body();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"invite-link\"[^>]*value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(link.find()).as("the owner sees an invitation link").isTrue();
        String invitation = link.group(1);
        HttpResponse<String> joined = guest.browser().submit(invitation, invitation, Map.of());
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(302);
        assertThat(joined.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/montages/" + montage));
    }

    static HttpResponse<String> putChunk(Platform platform, Person person, String montage, String take, int seq,
            boolean last, long fence, byte[] data) throws Exception {
        return Http.put(platform.url(Service.INGEST) + "/api/montages/" + montage + "/takes/" + take + "/chunks/"
                + seq + "?last=" + last + "&fence=" + fence, person == null ? null : person.bearer(), data);
    }

    /**
     * Sends a chunk the way the studio does: a passing failure (the service down, 502 from a proxy whose instance
     * went, 503 while storage is away, 408, 429) is tried again after a short wait; any other answer is returned.
     */
    static HttpResponse<String> putChunkUntilAnswered(Platform platform, Person person, String montage, String take,
            int seq, boolean last, long fence, byte[] chunk, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        long backoff = 250;
        while (true) {
            try {
                HttpResponse<String> answer = putChunk(platform, person, montage, take, seq, last, fence, chunk);
                if (!java.util.List.of(408, 429, 502, 503, 504).contains(answer.statusCode())) {
                    return answer;
                }
            } catch (java.io.IOException unreachable) {
                // The service is down: the studio says "Reconnecting…" and tries again.
            }
            assertThat(System.nanoTime()).as("chunk %d answered within %s", seq, patience).isLessThan(deadline);
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, 2000);
        }
    }

    /** Joins the montage's queue; returns the fence of the turn when the floor was free (it is then theirs). */
    static long takeTheFloor(Platform platform, Person person, String montage) throws Exception {
        HttpResponse<String> joined = Http.postJson(platform.url(Service.INGEST) + "/api/montages/" + montage
                + "/floor/join", person.bearer(), Map.of());
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        assertThat(Http.tree(joined).get("youAreOnAir").asBoolean()).as("the floor is free").isTrue();
        return Http.tree(joined).get("fence").asLong();
    }

    static void finishTurn(Platform platform, Person person, String montage, long fence) throws Exception {
        HttpResponse<String> finished = Http.postJson(platform.url(Service.INGEST) + "/api/montages/" + montage
                + "/floor/finish?fence=" + fence, person.bearer(), Map.of());
        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
    }

    /** A whole turn over the API: the person takes the free floor, sends the clip in 16 KiB chunks and ends. */
    static void recordTake(Platform platform, Person person, String montage, java.nio.file.Path clip)
            throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(clip);
        long fence = takeTheFloor(platform, person, montage);
        String take = java.util.UUID.randomUUID().toString();
        int size = 16 * 1024;
        int chunks = (bytes.length + size - 1) / size;
        for (int seq = 0; seq < chunks; seq++) {
            HttpResponse<String> sent = putChunk(platform, person, montage, take, seq, seq == chunks - 1, fence,
                    java.util.Arrays.copyOfRange(bytes, seq * size, Math.min(bytes.length, (seq + 1) * size)));
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        }
        finishTurn(platform, person, montage, fence);
    }

    /** The montage as the portal answers it, once its film is READY (polled twice a second). */
    static JsonNode awaitReady(Platform platform, Person person, String montage, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.tree(Http.get(platform.url(Service.PORTAL) + "/api/montages/" + montage,
                        person.bearer())), m -> RenderStatus.READY.name().equals(m.get("status").asString()));
    }
}
