package io.dbaas.nebula.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Back-off for transient failures (connection refused, 5xx, 429, conflicts).
 *
 * @param maxRetries retries after the first attempt
 * @param initialDelay delay before the first retry; doubled for each further retry
 * @param maxDelay upper bound of the delay
 */
public record RetryProperties(
        @DefaultValue("3") int maxRetries,
        @DefaultValue("500ms") Duration initialDelay,
        @DefaultValue("5s") Duration maxDelay) {

    public RetryProperties {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max-retries must not be negative");
        }
    }
}
