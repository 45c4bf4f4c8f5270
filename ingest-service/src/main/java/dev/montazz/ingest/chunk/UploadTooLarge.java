package dev.montazz.ingest.chunk;

import dev.montazz.ingest.Refusal;

/** An upload grew past the largest file taken; nothing more of it is read. */
public class UploadTooLarge extends Refusal {

    UploadTooLarge(String reason) {
        super(reason);
    }
}
