package io.dbaas.contracts.event;

import java.net.URI;
import java.util.Objects;

/**
 * Where the cluster's client Service answers, as seen from the data-plane network GateKeeper runs in. Never an
 * address taken from a client request.
 *
 * @param scheme {@code http} or {@code https}
 * @param host host name or IP address
 * @param port the client port (Qdrant 6333, Elasticsearch 9200), never a peer-to-peer or transport port
 */
public record ServiceAddress(String scheme, String host, int port) {

    public ServiceAddress {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public URI toUri() {
        return URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }
}
