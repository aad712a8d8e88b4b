package io.dbaas.gatekeeper.directory;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Where requests for one cluster go.
 *
 * @param clusterId the cluster
 * @param host the public host name clients use, lower-case, without port
 * @param upstream the base URI of the cluster's client Service (scheme, host, port), known from events only
 * @param masterKey the credential GateKeeper checks derived keys against and sends upstream
 */
public record ClusterRoute(UUID clusterId, String host, URI upstream, MasterKey masterKey) {

    public ClusterRoute {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(masterKey, "masterKey");
        host = normalizeHost(host);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a cluster route needs a host");
        }
        if (upstream.getScheme() == null || upstream.getHost() == null) {
            throw new IllegalArgumentException("an upstream needs a scheme and a host: " + upstream);
        }
    }

    /** Host names compare case-insensitively, and a trailing dot names the same host (an absolute DNS name). */
    public static String normalizeHost(String host) {
        String lowerCase = host.strip().toLowerCase(Locale.ROOT);
        return lowerCase.endsWith(".") ? lowerCase.substring(0, lowerCase.length() - 1) : lowerCase;
    }
}
