package dev.montazz.security.web;

import java.util.stream.Collectors;

import dev.montazz.security.input.ClientText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
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
