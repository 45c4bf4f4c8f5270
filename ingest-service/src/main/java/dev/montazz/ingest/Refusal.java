package dev.montazz.ingest;

/**
 * Something ingest-service will not do now, and why, in words for the person asking: thrown by the domain (floor,
 * montages, quota, chunk intake), never an HTTP type; the web layer alone decides how each is answered.
 */
public abstract class Refusal extends RuntimeException {

    protected Refusal(String reason) {
        super(reason, null, false, false);
    }

    protected Refusal(String reason, Throwable cause) {
        super(reason, cause);
    }
}
