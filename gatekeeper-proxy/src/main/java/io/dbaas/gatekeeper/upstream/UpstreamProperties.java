package io.dbaas.gatekeeper.upstream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long GateKeeper waits for a cluster.
 *
 * @param connectTimeout how long a TCP connection to the cluster may take to open; past it the client gets 504
 *     ({@code gatekeeper.upstream.connect-timeout})
 * @param responseTimeout how long the cluster may take to start answering (status and headers) once the request is
 *     sent; past it the client gets 504 ({@code gatekeeper.upstream.response-timeout}). A body that then streams
 *     slowly is not cut: search results and snapshots can be large.
 */
@ConfigurationProperties("gatekeeper.upstream")
public record UpstreamProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration responseTimeout) {

    public UpstreamProperties {
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(responseTimeout, "response-timeout");
        if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("gatekeeper.upstream.connect-timeout is too long");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("gatekeeper.upstream." + name + " must be positive, was " + duration);
        }
    }
}
