package dev.montazz.contract;

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
    /** E-mail waiting to be sent (an outbox: retried until the SMTP server took it, then remembered a while). */
    public static final String MAIL = "mail";
    /** Each montage's music bed ({@code music.MusicView}). */
    public static final String MUSIC = "music";

    /** The writer of each collection. */
    public static final Map<String, Service> WRITERS = Map.of(ACCOUNTS, Service.AUTH, MONTAGES, Service.PORTAL,
            FLOORS, Service.INGEST, CHUNKS, Service.MERGE, TAKES, Service.MERGE, RENDERS, Service.MERGE,
            USAGE, Service.MERGE, MAIL, Service.PORTAL, MUSIC, Service.MERGE);

    private MongoCollections() {
    }
}
