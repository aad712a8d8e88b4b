package io.dbaas.orion.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed authentications one client address may have before Orion stops looking at its tokens. The budget is
 * a token bucket per address: up to {@code perAddress} failures at once, given back smoothly at {@code perAddress} per
 * {@code period}.
 *
 * @param perAddress failed authentications one client address may have per {@code period}
 *     ({@code orion.security.failed-authentications.per-address})
 * @param period ({@code orion.security.failed-authentications.period})
 * @param maxTrackedAddresses how many addresses are tracked at most; past it the least recently seen are forgotten,
 *     which bounds the memory a client spraying from many addresses can take
 *     ({@code orion.security.failed-authentications.max-tracked-addresses})
 */
@ConfigurationProperties("orion.security.failed-authentications")
public record FailedAuthenticationProperties(
        @DefaultValue("20") long perAddress,
        @DefaultValue("1m") Duration period,
        @DefaultValue("100000") long maxTrackedAddresses) {

    private static final String PREFIX = "orion.security.failed-authentications.";

    /** Checked when the settings are bound, so that a wrong value stops the start rather than the first bad token. */
    public FailedAuthenticationProperties {
        if (perAddress < 1) {
            throw new IllegalArgumentException(PREFIX + "per-address must be at least 1, was " + perAddress);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(PREFIX + "period must be positive, was " + period);
        }
        // Bucket4j gives back at most one token per nanosecond and would otherwise refuse the limit when the first
        // address fails, not at start-up.
        if (perAddress > period.toNanos()) {
            throw new IllegalArgumentException(PREFIX + "per-address may be at most one failure per nanosecond of "
                    + PREFIX + "period, was " + perAddress + " per " + period);
        }
        if (maxTrackedAddresses < 1) {
            throw new IllegalArgumentException(
                    PREFIX + "max-tracked-addresses must be at least 1, was " + maxTrackedAddresses);
        }
    }
}
