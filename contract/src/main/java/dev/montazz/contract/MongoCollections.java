package dev.montazz.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every MongoDB collection and the one service that writes it; every other service only reads it, through the read
 * models in this module. What one service needs another to do travels as an event on a topic, never as a write here.
 */
public final class MongoCollections {

    public static final String ACCOUNTS = "accounts";
    public static final String MONTAGES = "montages";
    public static final String FLOORS = "floors";
    public static final String CHUNKS = "chunks";
    public static final String TAKES = "takes";
    public static final String RENDERS = "renders";
    /** Bytes of media each person has stored, in all and per montage. */
    public static final String USAGE = "usage";
    /** The takes of each montage, by id ({@code take.MontageTakesView}): found without a scan. */
    public static final String MONTAGE_TAKES = "montage-takes";
    /** E-mail waiting to be sent (an outbox: retried until the SMTP server took it, then remembered a while). */
    public static final String MAIL = "mail";
    /** Each montage's music bed ({@code music.MusicView}). */
    public static final String MUSIC = "music";

    /**
     * Each service's sign-in sessions (and, in {@code <name>-oidc}, which sign-in at auth-service each came from): any
     * instance serves any request. Read by no one else.
     */
    public static final String AUTH_SESSIONS = "auth-sessions";
    public static final String INGEST_SESSIONS = "ingest-sessions";
    public static final String PORTAL_SESSIONS = "portal-sessions";

    /** The authorisations auth-service granted (codes and tokens, found by their hashes), for every auth instance. */
    public static final String AUTH_AUTHORIZATIONS = "auth-authorizations";

    /** The writer of each collection. */
    public static final Map<String, Service> WRITERS = Map.ofEntries(Map.entry(ACCOUNTS, Service.AUTH),
            Map.entry(MONTAGES, Service.PORTAL), Map.entry(FLOORS, Service.INGEST), Map.entry(CHUNKS, Service.MERGE),
            Map.entry(TAKES, Service.MERGE), Map.entry(MONTAGE_TAKES, Service.MERGE), Map.entry(RENDERS, Service.MERGE), Map.entry(USAGE, Service.MERGE),
            Map.entry(MAIL, Service.PORTAL), Map.entry(MUSIC, Service.MERGE),
            Map.entry(AUTH_SESSIONS, Service.AUTH), Map.entry(AUTH_AUTHORIZATIONS, Service.AUTH), Map.entry(INGEST_SESSIONS, Service.INGEST),
            Map.entry(PORTAL_SESSIONS, Service.PORTAL));

    /**
     * Every collection the service writes, as MongoDB names them: those it owns, each sessions collection's
     * back-channel logout registry beside it ({@code <name>-oidc}), and for merge each GridFS bucket's files and
     * chunks. docker-compose's database user for the service may write these and no other (deploy/mongo-cluster.js).
     */
    public static List<String> writtenBy(Service service) {
        List<String> collections = new ArrayList<>();
        WRITERS.entrySet().stream().filter(entry -> entry.getValue() == service).map(Map.Entry::getKey).sorted()
                .forEach(collection -> {
                    collections.add(collection);
                    if (collection.endsWith("-sessions")) {
                        collections.add(collection + "-oidc");
                    }
                });
        if (service == Service.MERGE) {
            GridFsBuckets.ALL.forEach(bucket -> collections.addAll(List.of(bucket + ".files", bucket + ".chunks")));
        }
        return List.copyOf(collections);
    }

    private MongoCollections() {
    }
}
