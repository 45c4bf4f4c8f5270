package dev.montazz.contract;

import java.time.Duration;

/**
 * A topic as its owner declares it.
 *
 * @param partitions how many; a topic's dead-letter topic has as many, so a parked record keeps its partition number
 * @param retention how long records are kept; {@code null} for the broker's default
 */
public record TopicSpec(String name, Service declaredBy, int partitions, Duration retention) {

    /** The topic where records this topic's consumers could not handle are parked. */
    public String deadLetters() {
        return name + Topics.DEAD_LETTER_SUFFIX;
    }
}
