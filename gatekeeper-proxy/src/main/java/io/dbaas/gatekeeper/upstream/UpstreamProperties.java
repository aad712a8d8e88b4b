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
 *     sent, and how long a request waits for a free connection to it; past either the client gets 504
 *     ({@code gatekeeper.upstream.response-timeout}). A body that then streams is not cut, however slowly the client
 *     reads it: search results and snapshots can be large.
 * @param maxConnections how many connections GateKeeper keeps open to one cluster at most
 *     ({@code gatekeeper.upstream.max-connections}); requests beyond wait for a free one, for up to the response
 *     timeout
 * @param maxIdleTime how long a connection to a cluster stays open unused ({@code gatekeeper.upstream.max-idle-time}).
 *     Below the shortest keep-alive of the engines (Qdrant closes idle connections after 5 s), so that GateKeeper
 *     never sends a request on a connection the cluster is closing.
 */
@ConfigurationProperties("gatekeeper.upstream")
public record UpstreamProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration responseTimeout,
        @DefaultValue("500") int maxConnections,
        @DefaultValue("4s") Duration maxIdleTime) {

    public UpstreamProperties {
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(responseTimeout, "response-timeout");
        requirePositive(maxIdleTime, "max-idle-time");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("gatekeeper.upstream.max-connections must be at least 1");
        }
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
