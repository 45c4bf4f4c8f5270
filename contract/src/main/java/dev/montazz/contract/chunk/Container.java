package dev.montazz.contract.chunk;

import java.util.Locale;
import java.util.Optional;

/** The media container of a take: WebM (Chrome, Firefox) or fragmented MP4 (Safari). */
public enum Container {
    WEBM, MP4;

    /** As written in the {@link ChunkHeaders#CONTAINER} header and a take's {@code container} field. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file extension of a take in this container. */
    public String extension() {
        return "." + wireName();
    }

    public static Optional<Container> fromWire(String value) {
        for (Container container : values()) {
            if (container.wireName().equals(value)) {
                return Optional.of(container);
            }
        }
        return Optional.empty();
    }
}
