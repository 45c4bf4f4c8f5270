package dev.montazz.security.input;

/**
 * Text a client sent, made safe to write into a log line or an error message: cut to a few hundred characters (a
 * 25 MiB title once became a 26 MB log line through a validation message that echoed it) and with line breaks and
 * other control characters replaced, so a client cannot forge log lines.
 */
public final class ClientText {

    /** The most characters of anything a client sent that a log line or problem detail carries. */
    public static final int MAX = 200;

    private ClientText() {
    }

    public static String clip(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        int length = text.length();
        String head = length > MAX ? text.substring(0, MAX) : text;
        StringBuilder safe = new StringBuilder(head.length() + 32);
        head.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        if (length > MAX) {
            safe.append("… (").append(length).append(" characters)");
        }
        return safe.toString();
    }
}
