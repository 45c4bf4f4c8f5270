package dev.montazz.ingest.studio;

import dev.montazz.ingest.Refusal;
import dev.montazz.ingest.web.Refusals;
import dev.montazz.security.input.ClientText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A studio page someone may not open (not a contributor, no such montage) is the error page in words, saying what to
 * do; the problem documents of {@code ApiErrors} are for scripts. Both answer a refusal as {@link Refusals} says.
 */
@ControllerAdvice(assignableTypes = {StudioPages.class, MusicPage.class, ShotFilePage.class})
class StudioPageErrors {

    private static final Logger log = LoggerFactory.getLogger(StudioPageErrors.class);

    @ExceptionHandler(Refusal.class)
    ModelAndView refused(Refusal refusal) {
        Refusals answer = Refusals.of(refusal);
        return page(answer.status(), answer.detail());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView refused(ResponseStatusException refusal) {
        return page(HttpStatus.valueOf(refusal.getStatusCode().value()), refusal.getReason());
    }

    private static ModelAndView page(HttpStatus status, String reason) {
        log.info("{} for a studio page: {}", status.value(), ClientText.clip(reason));
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("error", status.getReasonPhrase());
        page.addObject("message", ClientText.clip(reason));
        return page;
    }
}
