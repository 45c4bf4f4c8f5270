package dev.montazz.ingest.web;

import dev.montazz.ingest.Refusal;
import dev.montazz.security.web.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** ingest's domain refusals over its API, as {@link Refusals} says, in the platform's one error shape. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusalAnswers {

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal e, HttpServletRequest request) {
        Refusals refusal = Refusals.of(e);
        return ApiProblems.refusal(refusal.status(), refusal.detail(), refusal.properties(), refusal.retryAfter(),
                request);
    }
}
