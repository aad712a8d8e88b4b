package io.dbaas.gatekeeper.abuse;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Budgets are token buckets: up to the number at once, refilled smoothly at that number per period.
 *
 * @param requestsPerKey requests one API key may make per {@code requestsPerKeyPeriod}
 *     ({@code gatekeeper.abuse.requests-per-key})
 * @param requestsPerKeyPeriod ({@code gatekeeper.abuse.requests-per-key-period})
 * @param failedAuthenticationsPerAddress failed authentications one client address may have per
 *     {@code failedAuthenticationsPeriod} before it is refused outright
 *     ({@code gatekeeper.abuse.failed-authentications-per-address})
 * @param failedAuthenticationsPeriod ({@code gatekeeper.abuse.failed-authentications-period})
 * @param maxTrackedBuckets how many keys and how many addresses are tracked at most, each; past it the least recently
 *     used are forgotten ({@code gatekeeper.abuse.max-tracked-buckets})
 */
@ConfigurationProperties("gatekeeper.abuse")
public record AbuseProperties(
        @DefaultValue("1000") long requestsPerKey,
        @DefaultValue("1s") Duration requestsPerKeyPeriod,
        @DefaultValue("20") long failedAuthenticationsPerAddress,
        @DefaultValue("1m") Duration failedAuthenticationsPeriod,
        @DefaultValue("100000") long maxTrackedBuckets) {

    public AbuseProperties {
        if (maxTrackedBuckets < 1) {
            throw new IllegalArgumentException("gatekeeper.abuse.max-tracked-buckets must be at least 1");
        }
        // Validated at start-up rather than on the first request that needs them.
        Limit.validate(requestsPerKey, requestsPerKeyPeriod);
        Limit.validate(failedAuthenticationsPerAddress, failedAuthenticationsPeriod);
    }

    final Limit perKey() {
        return new Limit(requestsPerKey, requestsPerKeyPeriod);
    }

    final Limit perAddress() {
        return new Limit(failedAuthenticationsPerAddress, failedAuthenticationsPeriod);
    }

    /**
     * A token bucket: up to {@code capacity} at once, refilled smoothly at {@code capacity} per {@code period}.
     */
    record Limit(long capacity, Duration period) {

        public Limit {
            validate(capacity, period);
        }

        static void validate(long capacity, Duration period) {
            if (capacity < 1) {
                throw new IllegalArgumentException("a limit's capacity must be at least 1, was " + capacity);
            }
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a limit's period must be positive, was " + period);
            }
            // Bucket4j refills at most one token per nanosecond and would otherwise refuse the limit on the first
            // request that needs a bucket, not at start-up.
            if (capacity > period.toNanos()) {
                throw new IllegalArgumentException(
                        "a limit may allow at most one request per nanosecond, was " + capacity + " per " + period);
            }
        }
    }
}
