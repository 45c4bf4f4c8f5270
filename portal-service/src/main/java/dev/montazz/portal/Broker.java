package dev.montazz.portal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/** Sending what must not be lost: the caller goes on only once the broker has the record. */
public final class Broker {

    private Broker() {
    }

    /** Sends and waits for the broker's acknowledgement; {@code what} says in words what was being sent. */
    public static void sendAndWait(KafkaTemplate<String, byte[]> kafka, String topic, String key, byte[] value,
            String what) {
        try {
            kafka.send(topic, key, value).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not send " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while sending " + what, e);
        }
    }
}
