package dev.montazz.security.web;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import dev.montazz.security.input.ClientText;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one error shape of every Montazz API: a refused request is an RFC 9457 problem document and a log line saying
 * who was refused and why; neither carries more than a few hundred characters of what the client sent (a validation
 * message once echoed a 25 MiB title into one log line). A service's own refusals are answered in the same shape by
 * an advice of its own; pages fall through to {@code templates/error.html}.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /**
     * A service's own refusal in this same shape, for its advice to return: a problem document with the reason (clipped)
     * and any extra members, {@code Retry-After} when trying again will do, and one log line.
     *
     * @param retryAfter null when trying again makes no sense
     */
    public static ResponseEntity<ProblemDetail> refusal(HttpStatus status, String reason,
            Map<String, Object> properties, Duration retryAfter, HttpServletRequest request) {
        log.warn("{} for {} {}: {}", status.value(), request.getMethod(), ClientText.clip(request.getRequestURI()),
                ClientText.clip(reason));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ClientText.clip(reason));
        properties.forEach(problem::setProperty);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (retryAfter != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds()));
        }
        return answer.body(problem);
    }

    /** Says which field is wrong and how, instead of Spring's generic "Invalid request content". */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ex.getBody().setDetail(ex.getBindingResult().getFieldErrors().stream()
                .map(e -> e.getDefaultMessage()).collect(Collectors.joining("; ")));
        return handleExceptionInternal(ex, null, headers, status, request);
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
