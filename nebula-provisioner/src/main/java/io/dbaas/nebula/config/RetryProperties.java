package io.dbaas.nebula.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long and how often Nebula tries again a command that failed for a reason that may pass: the region's Kubernetes
 * API unreachable, timing out, answering 5xx or 429. The command is kept in Nebula's database meanwhile, not on the
 * Kafka consumer, so other clusters' commands go on.
 *
 * @param initialDelay delay before the second attempt; doubled for each further one
 * @param maxDelay upper bound of the delay between two attempts
 * @param jitter the share of each delay drawn at random (0 to 1), so that many commands waiting for one region do not
 *     all come back at the same instant
 * @param horizon how long after its first failed attempt a command is still tried; once passed, it fails
 * @param pollInterval how often Nebula looks for commands whose next attempt is due
 */
public record RetryProperties(
        @DefaultValue("1s") Duration initialDelay,
        @DefaultValue("5m") Duration maxDelay,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("24h") Duration horizon,
        @DefaultValue("1s") Duration pollInterval) {

    public RetryProperties {
        requirePositive(initialDelay, "initial-delay");
        requirePositive(maxDelay, "max-delay");
        requirePositive(horizon, "horizon");
        requirePositive(pollInterval, "poll-interval");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("max-delay must not be shorter than initial-delay");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
