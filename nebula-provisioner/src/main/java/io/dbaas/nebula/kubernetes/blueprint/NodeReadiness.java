package io.dbaas.nebula.kubernetes.blueprint;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * How many of a cluster's nodes are wanted and how many are ready.
 *
 * @param wanted nodes the cluster should have
 * @param ready nodes that pass their readiness probe
 */
public record NodeReadiness(int wanted, int ready) {

    /** From the StatefulSet alone: its replicas (1 when unset, as Kubernetes defaults it) and its ready replicas. */
    public static NodeReadiness of(StatefulSet statefulSet) {
        Integer replicas =
                statefulSet.getSpec() == null ? null : statefulSet.getSpec().getReplicas();
        Integer readyReplicas =
                statefulSet.getStatus() == null ? null : statefulSet.getStatus().getReadyReplicas();
        return new NodeReadiness(replicas == null ? 1 : replicas, readyReplicas == null ? 0 : readyReplicas);
    }

    public boolean allReady() {
        return ready >= wanted;
    }
}
