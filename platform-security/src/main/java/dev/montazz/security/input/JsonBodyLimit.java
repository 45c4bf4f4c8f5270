package dev.montazz.security.input;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * JSON requests are small (a title, a few settings); a larger one is refused with 413 before it is read, so nobody
 * can make a service parse and hold megabytes of JSON. Media travel as raw bytes with limits of their own.
 */
public class JsonBodyLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(JsonBodyLimit.class);

    private final long maxBytes;

    public JsonBodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isJson(request) && (request.getContentLengthLong() > maxBytes
                || (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null))) {
            log.warn("413 for {} {}: {} bytes of JSON", request.getMethod(), ClientText.clip(request.getRequestURI()),
                    request.getContentLengthLong());
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setHeader("Connection", "close");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                    + "\"detail\":\"A request may carry at most " + maxBytes / 1024 + " KiB of JSON, "
                    + "with its length declared\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            MediaType media = MediaType.parseMediaType(type);
            return media.getSubtype().equals("json") || media.getSubtype().endsWith("+json");
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }
}
