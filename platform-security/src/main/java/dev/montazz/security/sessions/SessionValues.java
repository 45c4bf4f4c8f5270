package dev.montazz.security.sessions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session (or auth-service's store of authorisations) holds: the security context, a saved request, an
 * authorisation request in flight, as bytes in MongoDB. Java serialisation, as Spring Security's objects are made for,
 * read back only for the platform's own and Spring's classes and within size limits, so a document changed in the
 * store cannot make a service build arbitrary objects.
 */
public final class SessionValues {

    private static final Logger log = LoggerFactory.getLogger(SessionValues.class);
    private static final ObjectInputFilter PATTERN = ObjectInputFilter.Config.createFilter(
            "maxbytes=1048576;maxdepth=40;maxrefs=100000;maxarray=1000000;"
                    + "java.lang.*;java.util.**;java.time.*;java.net.URL;java.net.URI;"
                    + "org.springframework.**;dev.montazz.**;!*");
    private static final ObjectInputFilter ALLOWED = info -> {
        ObjectInputFilter.Status status = PATTERN.checkInput(info);
        if (status == ObjectInputFilter.Status.REJECTED) {
            log.warn("A stored session holds {}, which is not read back", info.serialClass() != null
                    ? info.serialClass().getName() : "more than the limits allow");
        }
        return status;
    };

    private SessionValues() {
    }

    public static byte[] write(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("A session value cannot be stored: " + value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a value this platform stores */
    public static Object read(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ALLOWED);
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("Not a session value this service reads: " + e.getMessage(), e);
        }
    }

    /** Attribute names become field names: no dots or dollars there, so both are escaped (and so is the escape). */
    static String fieldName(String attribute) {
        return attribute.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String attributeName(String field) {
        return field.replace("%2E", ".").replace("%24", "$").replace("%25", "%");
    }
}
