package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Spreads a cluster's pods over zones and nodes, so that losing one zone or one node loses as few replicas as possible.
 *
 * <p>When the region names its zones, pods are confined to them and the zone spread is a hard rule: a cloud region
 * has nodes in each of its zones. Otherwise (a development cluster, one zone) both spreads are preferences, so that a
 * three-node database still runs on a one-node Kubernetes. The node spread stays a preference everywhere: a hard rule
 * would block a rolling node replacement in a cluster with exactly as many nodes as database replicas.
 *
 * @param selector the labels of the cluster's pods
 * @param zones the zones of the region; empty when not configured
 */
record TopologySpread(Map<String, String> selector, List<String> zones) {

    static final String ZONE = "topology.kubernetes.io/zone";
    static final String HOSTNAME = "kubernetes.io/hostname";

    List<TopologySpreadConstraint> constraints() {
        return List.of(
                constraint(ZONE, zones.isEmpty() ? "ScheduleAnyway" : "DoNotSchedule"),
                constraint(HOSTNAME, "ScheduleAnyway"));
    }

    /** Confines pods to the region's zones; none when the region names no zones. */
    @Nullable
    Affinity zoneAffinity() {
        if (zones.isEmpty()) {
            return null;
        }
        return new AffinityBuilder()
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm()
                .addNewMatchExpression()
                .withKey(ZONE)
                .withOperator("In")
                .withValues(zones)
                .endMatchExpression()
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .build();
    }

    private TopologySpreadConstraint constraint(String topologyKey, String whenUnsatisfiable) {
        return new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey(topologyKey)
                .withWhenUnsatisfiable(whenUnsatisfiable)
                .withNewLabelSelector()
                .withMatchLabels(selector)
                .endLabelSelector()
                .build();
    }
}
