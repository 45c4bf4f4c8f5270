package dev.montazz.portal.web;

import java.time.Duration;
import java.util.Map;

import dev.montazz.portal.mail.MailBacklog;
import dev.montazz.portal.mail.MailUnavailable;
import dev.montazz.security.web.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * E-mail the API cannot send, in the platform's one error shape: none set up here (503: share the link instead), or
 * too many of the person's messages waiting (429, to try again in a few minutes).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MailRefusals {

    private static final Duration BACKLOG_CLEARS = Duration.ofMinutes(5);

    @ExceptionHandler(MailUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(MailUnavailable e, HttpServletRequest request) {
        return ApiProblems.refusal(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), Map.of(), null, request);
    }

    @ExceptionHandler(MailBacklog.class)
    ResponseEntity<ProblemDetail> backlog(MailBacklog e, HttpServletRequest request) {
        return ApiProblems.refusal(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), Map.of(), BACKLOG_CLEARS, request);
    }
}
