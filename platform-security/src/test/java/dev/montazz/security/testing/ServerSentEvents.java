package dev.montazz.security.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a server-sent event stream as a test received it so far (one {@code data:} line per event). */
public final class ServerSentEvents {

    private ServerSentEvents() {
    }

    /** The data of every event with this name in the stream, in order. */
    public static List<String> data(String stream, String name) {
        List<String> found = new ArrayList<>();
        Matcher event = Pattern.compile("event:" + Pattern.quote(name) + "\\ndata:(.*)\\n").matcher(stream);
        while (event.find()) {
            found.add(event.group(1));
        }
        return found;
    }
}
