package dev.montazz.portal.video;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRange;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Sends a file by the operating system ({@code sendfile}, no copy through the JVM) where the servlet container can:
 * Tomcat does, when asked by request attributes, once the servlet has returned. The Servlet API has no zero-copy
 * write, so Spring MVC copies a file through a stream, at a third of what the system sends (BENCHMARKS.md).
 * <p>
 * Only the plain cases are sent here: the whole file, or one satisfiable range without {@code If-Range}, after
 * {@code If-None-Match} and {@code If-Modified-Since} are answered (304). Everything else (several ranges, a range
 * past the end, {@code If-Range}) is left to Spring MVC, so the answers are the same either way.
 */
final class FileSender {

    // Tomcat's names (org.apache.catalina.Globals), not imported: the portal does not otherwise depend on Tomcat.
    private static final String SUPPORTED = "org.apache.tomcat.sendfile.support";
    private static final String FILE = "org.apache.tomcat.sendfile.filename";
    private static final String START = "org.apache.tomcat.sendfile.start";
    private static final String END = "org.apache.tomcat.sendfile.end";

    private FileSender() {
    }

    /**
     * Answers the request with the file (of {@code length} bytes) and {@code headers}, or does nothing and returns
     * false: the caller then answers as it would have.
     */
    static boolean send(HttpServletRequest request, HttpServletResponse response, Path file, long length,
            HttpHeaders headers) {
        boolean head = HttpMethod.HEAD.matches(request.getMethod());
        if (!Boolean.TRUE.equals(request.getAttribute(SUPPORTED))
                || !HttpMethod.GET.matches(request.getMethod()) && !head
                || request.getHeader(HttpHeaders.IF_RANGE) != null) {
            return false;
        }
        long start = 0;
        long end = length - 1;
        String rangeHeader = request.getHeader(HttpHeaders.RANGE);
        if (rangeHeader != null) {
            List<HttpRange> ranges;
            try {
                ranges = HttpRange.parseRanges(rangeHeader);
            } catch (IllegalArgumentException unreadable) {
                return false;
            }
            if (ranges.size() != 1) {
                return false;
            }
            try {
                start = ranges.get(0).getRangeStart(length);
                end = ranges.get(0).getRangeEnd(length);
            } catch (IllegalArgumentException unsatisfiable) {
                return false;
            }
            if (start >= length || start > end) {
                return false;
            }
        }
        for (Map.Entry<String, List<String>> header : headers.headerSet()) {
            for (String value : header.getValue()) {
                response.addHeader(header.getKey(), value);
            }
        }
        // Sets 304 (or 412) when the client's copy is current; its validators are those just set.
        if (new ServletWebRequest(request, response).checkNotModified(headers.getETag(),
                headers.getLastModified())) {
            return true;
        }
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (rangeHeader != null) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + length);
        }
        response.setContentLengthLong(end - start + 1);
        if (!head) {
            request.setAttribute(FILE, file.toAbsolutePath().toString());
            request.setAttribute(START, start);
            request.setAttribute(END, end + 1);
        }
        return true;
    }
}
