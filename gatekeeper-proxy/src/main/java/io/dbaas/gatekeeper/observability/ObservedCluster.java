package io.dbaas.gatekeeper.observability;

import java.util.UUID;
import org.springframework.web.server.ServerWebExchange;

/** The cluster a request was routed to, noted by the routing filter for the access log and the metrics. */
public final class ObservedCluster {

    static final String UNKNOWN = "unknown";

    private static final String ATTRIBUTE = ObservedCluster.class.getName();

    private ObservedCluster() {}

    public static void mark(ServerWebExchange exchange, UUID clusterId) {
        exchange.getAttributes().put(ATTRIBUTE, clusterId);
    }

    /** The cluster id, or {@code unknown}: never the Host header, which a client can fill with anything. */
    static String of(ServerWebExchange exchange) {
        UUID clusterId = exchange.getAttribute(ATTRIBUTE);
        return clusterId == null ? UNKNOWN : clusterId.toString();
    }
}
