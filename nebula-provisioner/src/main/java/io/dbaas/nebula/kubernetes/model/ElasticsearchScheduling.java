package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;

/**
 * Where Elasticsearch pods may run: the zone rules every engine has ({@link TopologySpread}) plus ECK's default
 * anti-affinity, a strong preference for one node per Kubernetes node. A preference, not a rule, for the reason
 * {@link TopologySpread} gives; shard allocation awareness on {@code k8s_node_name} keeps a primary and its replica
 * apart even when two pods do share a node.
 *
 * @param selector the labels of the cluster's pods
 * @param zones the zones of the region; empty when not configured
 */
record ElasticsearchScheduling(Map<String, String> selector, List<String> zones) {

    private static final int ANTI_AFFINITY_WEIGHT = 100;

    Affinity affinity() {
        Affinity zoneAffinity = new TopologySpread(selector, zones).zoneAffinity();
        return new AffinityBuilder()
                .withNodeAffinity(zoneAffinity == null ? null : zoneAffinity.getNodeAffinity())
                .withNewPodAntiAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(ANTI_AFFINITY_WEIGHT)
                .withNewPodAffinityTerm()
                .withTopologyKey(TopologySpread.HOSTNAME)
                .withNewLabelSelector()
                .withMatchLabels(selector)
                .endLabelSelector()
                .endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .build();
    }

    List<TopologySpreadConstraint> spreadConstraints() {
        return new TopologySpread(selector, zones).constraints();
    }
}
