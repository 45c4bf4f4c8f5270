package dev.montazz.ingest.web;

import dev.montazz.ingest.Refusal;
import dev.montazz.security.input.ClientText;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * ingest's domain refusals over its API, in the platform's one error shape (platform-security's {@code ApiProblems}):
 * a problem document as {@link Refusals} says, with {@code Retry-After} where sending again will do, and a log line.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusalAnswers {

    private static final Logger log = LoggerFactory.getLogger(RefusalAnswers.class);

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal e, HttpServletRequest request) {
        Refusals refusal = Refusals.of(e);
        log.warn("{} for {} {}: {}", refusal.status().value(), request.getMethod(),
                ClientText.clip(request.getRequestURI()), ClientText.clip(refusal.detail()));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.status(), ClientText.clip(refusal.detail()));
        refusal.properties().forEach(problem::setProperty);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(refusal.status());
        if (refusal.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(refusal.retryAfter().toSeconds()));
        }
        return answer.body(problem);
    }
}
