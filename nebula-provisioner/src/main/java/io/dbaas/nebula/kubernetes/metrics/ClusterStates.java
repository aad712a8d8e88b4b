package io.dbaas.nebula.kubernetes.metrics;

import io.dbaas.contracts.Engine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How many clusters of each engine are in each {@link ClusterState}, as the gauge {@code nebula.clusters}: the state
 * the status watches last decided for each cluster of every region, and the deletions this instance runs. Read from
 * memory at every scrape; no API call and no query.
 */
@Component
public class ClusterStates {

    static final String NAME = "nebula.clusters";

    private record Seen(Engine engine, ClusterState state) {}

    private final Map<UUID, Seen> observed = new ConcurrentHashMap<>();
    private final Map<UUID, Engine> deleting = new ConcurrentHashMap<>();

    public ClusterStates(MeterRegistry registry) {
        for (Engine engine : Engine.values()) {
            for (ClusterState state : ClusterState.values()) {
                Gauge.builder(NAME, this, states -> states.count(engine, state))
                        .description("Clusters by engine and by the state Nebula sees them in")
                        .tag("engine", engine.id())
                        .tag("state", state.tag())
                        .register(registry);
            }
        }
    }

    /** What the watches decided for a cluster just now. */
    public void observed(UUID clusterId, Engine engine, ClusterState state) {
        observed.put(clusterId, new Seen(engine, state));
    }

    /** The cluster's nodes are gone (its StatefulSet was deleted): nothing more to count until it is seen again. */
    public void gone(UUID clusterId) {
        observed.remove(clusterId);
    }

    /** This instance started deleting the cluster: it counts as deleting, whatever the watches see meanwhile. */
    public void deletionStarted(UUID clusterId, Engine engine) {
        deleting.put(clusterId, engine);
    }

    /** The deletion ended: done, or failed and left for a later attempt. */
    public void deletionEnded(UUID clusterId, boolean deleted) {
        deleting.remove(clusterId);
        if (deleted) {
            observed.remove(clusterId);
        }
    }

    double count(Engine engine, ClusterState state) {
        if (state == ClusterState.DELETING) {
            return deleting.values().stream().filter(engine::equals).count();
        }
        return observed.entrySet().stream()
                .filter(entry -> !deleting.containsKey(entry.getKey()))
                .map(Map.Entry::getValue)
                .filter(seen -> seen.engine() == engine && seen.state() == state)
                .count();
    }
}
