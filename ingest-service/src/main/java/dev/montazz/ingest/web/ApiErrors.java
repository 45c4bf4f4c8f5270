package dev.montazz.ingest.web;

import dev.montazz.ingest.Refusal;
import dev.montazz.security.input.ClientText;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refused request becomes an RFC 9457 problem and a log line saying who was refused and why; neither carries
 * more than a few hundred characters of what the client sent. Domain refusals are answered as {@link Refusals} says.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

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

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        log.warn("{} for {}: {}", status.value(), ClientText.clip(request.getDescription(false)),
                ClientText.clip(ex.getMessage()));
        if (ex instanceof ErrorResponse problem && problem.getBody().getDetail() != null) {
            problem.getBody().setDetail(ClientText.clip(problem.getBody().getDetail()));
        }
        return super.handleExceptionInternal(ex, body, headers, status, request);
    }
}
