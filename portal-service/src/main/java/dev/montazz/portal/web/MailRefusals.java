package dev.montazz.portal.web;

import dev.montazz.portal.mail.MailBacklog;
import dev.montazz.portal.mail.MailUnavailable;
import dev.montazz.security.input.ClientText;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * E-mail the API cannot send, in the platform's one error shape: none set up here (503: share the link instead), or
 * too many of the person's messages waiting (429, with {@code Retry-After}).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MailRefusals {

    private static final Logger log = LoggerFactory.getLogger(MailRefusals.class);

    @ExceptionHandler(MailUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(MailUnavailable e, HttpServletRequest request) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, e, request).body(problem(HttpStatus.SERVICE_UNAVAILABLE, e));
    }

    @ExceptionHandler(MailBacklog.class)
    ResponseEntity<ProblemDetail> backlog(MailBacklog e, HttpServletRequest request) {
        return answer(HttpStatus.TOO_MANY_REQUESTS, e, request).header(HttpHeaders.RETRY_AFTER, "300")
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, e));
    }

    private static ResponseEntity.BodyBuilder answer(HttpStatus status, RuntimeException e, HttpServletRequest request) {
        log.warn("{} for {} {}: {}", status.value(), request.getMethod(), ClientText.clip(request.getRequestURI()),
                e.getMessage());
        return ResponseEntity.status(status);
    }

    private static ProblemDetail problem(HttpStatus status, RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }
}
