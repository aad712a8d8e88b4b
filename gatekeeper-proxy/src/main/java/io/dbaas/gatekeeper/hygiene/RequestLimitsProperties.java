package io.dbaas.gatekeeper.hygiene;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a client may send. Header size and connection idle time are Spring Boot's own settings
 * ({@code server.max-http-request-header-size}, {@code server.netty.idle-timeout}); these are the ones Boot lacks.
 *
 * @param maxBodySize the largest request body passed to a cluster, counted as it streams, chunked or not
 *     ({@code gatekeeper.limits.max-body-size}); larger bodies get 413
 * @param readTimeout the longest pause allowed between two reads of a request body
 *     ({@code gatekeeper.limits.read-timeout}); a client that stalls longer loses its connection
 * @param maxHeaderCount the most header fields a request may carry ({@code gatekeeper.limits.max-header-count}); more
 *     get 431 before anything reaches a cluster, whose own limit would otherwise answer with a failure of its own
 */
@ConfigurationProperties("gatekeeper.limits")
public record RequestLimitsProperties(
        @DefaultValue("32MB") DataSize maxBodySize,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("100") int maxHeaderCount) {

    public RequestLimitsProperties {
        if (maxBodySize.toBytes() < 0) {
            throw new IllegalArgumentException("gatekeeper.limits.max-body-size must not be negative");
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("gatekeeper.limits.read-timeout must be positive");
        }
        if (maxHeaderCount < 1) {
            throw new IllegalArgumentException("gatekeeper.limits.max-header-count must be positive");
        }
    }
}
