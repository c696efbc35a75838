package dev.corvid.server.etl.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waiting after load failures: 5 s after the first, doubling with each further failure up to
 * 15 minutes; a success resets it. Time comes from the injected clock. Not thread-safe.
 */
public final class Backoff {
    public static final Duration FIRST = Duration.ofSeconds(5);
    public static final Duration MAX = Duration.ofMinutes(15);

    private final Clock clock;
    private Duration current = Duration.ZERO;
    private Instant nextAttemptAt;
    private int failures;

    public Backoff(Clock clock) {
        this.clock = clock;
    }

    /** Records a failure; returns how long to wait before the next attempt. */
    public Duration failed() {
        current = current.isZero() ? FIRST : current.multipliedBy(2);
        if (current.compareTo(MAX) > 0) {
            current = MAX;
        }
        failures++;
        nextAttemptAt = clock.instant().plus(current);
        return current;
    }

    public void succeeded() {
        current = Duration.ZERO;
        nextAttemptAt = null;
        failures = 0;
    }

    /** When the next attempt may run, if backing off. */
    public Optional<Instant> nextAttemptAt() {
        return Optional.ofNullable(nextAttemptAt);
    }

    public int consecutiveFailures() {
        return failures;
    }

    public Duration currentDelay() {
        return current;
    }
}
