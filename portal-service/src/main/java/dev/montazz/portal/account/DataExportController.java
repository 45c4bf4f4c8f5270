package dev.montazz.portal.account;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.montazz.security.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /account/export} (signed in) and {@code GET /api/account/export} (bearer): the person's data as one ZIP
 * download. One export at a time per person: an archive can take a while, and a second is the same bytes again.
 */
@Controller
class DataExportController {

    private final DataExport export;
    private final Set<String> exporting = ConcurrentHashMap.newKeySet();

    DataExportController(DataExport export) {
        this.export = export;
    }

    @GetMapping({"/account/export", "/api/account/export"})
    void export(CurrentUser user, HttpServletResponse response) throws IOException {
        if (!exporting.add(user.username())) {
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
                    "Your archive is already being made; wait for that download to finish");
        }
        try {
            response.setContentType("application/zip");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename("montazz-" + user.username() + ".zip").build().toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            export.write(user.username(), response.getOutputStream());
        } finally {
            exporting.remove(user.username());
        }
    }
}
