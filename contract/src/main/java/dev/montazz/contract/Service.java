package dev.montazz.contract;

/** The services that own topics and collections. */
public enum Service {
    AUTH, INGEST, MERGE, PORTAL;

    /** The service's name as it runs (and as README and docs/kafka-contract.md call it). */
    public String serviceName() {
        return name().toLowerCase(java.util.Locale.ROOT) + "-service";
    }
}
