package io.dbaas.gatekeeper.directory;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clusters GateKeeper can route to, by public host.
 *
 * <p>Reads are lock-free because they happen on every request, on event-loop threads. Writes come from the event
 * listener and are serialized, so that the two indexes (by host, by cluster) never disagree for a writer; a reader
 * sees either the old or the new route of a host, never a mix.
 */
public final class ClusterDirectory {

    private final Map<String, ClusterRoute> byHost = new ConcurrentHashMap<>();
    private final Map<UUID, ClusterRoute> byCluster = new ConcurrentHashMap<>();

    /** The route for a request host; the host is compared case-insensitively and without a trailing dot. */
    public Optional<ClusterRoute> find(String host) {
        return Optional.ofNullable(byHost.get(ClusterRoute.normalizeHost(host)));
    }

    /** Adds or replaces the route of a cluster; a cluster that moved to another host stops answering at the old one. */
    public synchronized void put(ClusterRoute route) {
        ClusterRoute previous = byCluster.put(route.clusterId(), route);
        byHost.put(route.host(), route);
        if (previous != null && !previous.host().equals(route.host())) {
            byHost.remove(previous.host(), previous);
        }
    }

    /** Stops routing to a cluster; unknown clusters are ignored, so that replaying events is harmless. */
    public synchronized void remove(UUID clusterId) {
        ClusterRoute removed = byCluster.remove(clusterId);
        if (removed != null) {
            // Only this cluster's own entry: another cluster may since have been given the same host.
            byHost.remove(removed.host(), removed);
        }
    }

    public int size() {
        return byCluster.size();
    }
}
