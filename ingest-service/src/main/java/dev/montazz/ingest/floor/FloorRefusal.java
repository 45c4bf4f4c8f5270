package dev.montazz.ingest.floor;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A chunk or request the floor does not allow now: 409 with the reason, and the expected sequence if that is it. */
public class FloorRefusal extends ResponseStatusException {

    FloorRefusal(String reason) {
        super(HttpStatus.CONFLICT, reason);
    }

    FloorRefusal(String reason, int expectedSequence) {
        this(reason);
        getBody().setProperty("expectedSequence", expectedSequence);
    }
}
