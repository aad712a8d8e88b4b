package io.dbaas.nebula.provisioning;

import io.dbaas.nebula.config.RetryProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a command that failed for a reason that may pass is tried next: exponential back-off from {@code initial-delay},
 * doubled per failed attempt, capped at {@code max-delay}, of which a {@code jitter} share is drawn at random so that
 * the commands waiting for one region spread out when it comes back; and never after the horizon.
 */
final class BackOff {

    private final RetryProperties settings;
    private final RandomGenerator random;

    BackOff(RetryProperties settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /**
     * The instant of the next attempt, or empty when the horizon has passed: then the command has waited long enough
     * and fails.
     *
     * @param firstFailure when the first attempt of the command failed
     * @param failedAttempts how many attempts failed so far, at least 1
     * @param now when the last attempt failed
     */
    Optional<Instant> nextAttempt(Instant firstFailure, int failedAttempts, Instant now) {
        Instant giveUpAt = firstFailure.plus(settings.horizon());
        if (!now.isBefore(giveUpAt)) {
            return Optional.empty();
        }
        Instant next = now.plus(delayAfter(failedAttempts));
        // The last attempt is made at the horizon, not skipped because the delay would overshoot it.
        return Optional.of(next.isAfter(giveUpAt) ? giveUpAt : next);
    }

    /** The delay after {@code failedAttempts} failed attempts: the capped exponential, less up to its jitter share. */
    Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt must have failed");
        }
        Duration max = settings.maxDelay();
        Duration delay = settings.initialDelay();
        for (int attempt = 1; attempt < failedAttempts && delay.compareTo(max) < 0; attempt++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(max) > 0) {
            delay = max;
        }
        long millis = delay.toMillis();
        long jitter = (long) (millis * settings.jitter() * random.nextDouble());
        return Duration.ofMillis(millis - jitter);
    }
}
