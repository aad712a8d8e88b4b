package io.dbaas.nebula.kubernetes.apply;

import io.dbaas.nebula.kubernetes.apply.ResourceOperationException.Operation;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;

/**
 * When a pod template that only a new Nebula release renders differently — the cluster's spec is the same — may roll a
 * cluster's pods. A change a command asks for rolls its own cluster at once ({@link #always()}); a rendering change
 * found by a restore or a resync rolls at most {@code budget} clusters of a region at once ({@link #atMost}), none by
 * default, so that upgrading Nebula never restarts every database at the same moment. The others keep the pod
 * template they run until a command changes them or a place in the budget frees up.
 */
public final class RenderingRollouts {

    private static final RenderingRollouts ALWAYS = new RenderingRollouts(Integer.MAX_VALUE);

    private final int budget;

    private RenderingRollouts(int budget) {
        this.budget = budget;
    }

    /** For commands: the cluster's own change rolls its pods. */
    public static RenderingRollouts always() {
        return ALWAYS;
    }

    /** For restores and resyncs: at most {@code clusters} clusters of the region roll a rendering change at once. */
    public static RenderingRollouts atMost(int clusters) {
        if (clusters < 0) {
            throw new IllegalArgumentException("A rollout budget cannot be negative: " + clusters);
        }
        return new RenderingRollouts(clusters);
    }

    /** Whether {@code live}'s cluster may roll a rendering change now. */
    boolean mayRoll(KubernetesClient client, StatefulSet live) {
        if (budget == Integer.MAX_VALUE) {
            return true;
        }
        if (budget == 0) {
            return false;
        }
        String ownNamespace = live.getMetadata().getNamespace();
        long rollingElsewhere = nebulaStatefulSets(client).stream()
                .filter(RenderingRollouts::rolling)
                .map(statefulSet -> statefulSet.getMetadata().getNamespace())
                .filter(namespace -> !Objects.equals(namespace, ownNamespace))
                .distinct()
                .count();
        return rollingElsewhere < budget;
    }

    /**
     * Whether the StatefulSet controller is still replacing pods: it has not seen the last spec yet, or not every pod
     * runs the newest revision. A StatefulSet without status is not counted: nothing is known of it yet.
     */
    static boolean rolling(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus();
        if (status == null) {
            return false;
        }
        Long generation = statefulSet.getMetadata().getGeneration();
        if (generation != null
                && status.getObservedGeneration() != null
                && status.getObservedGeneration() < generation) {
            return true;
        }
        if (status.getUpdateRevision() != null && !status.getUpdateRevision().equals(status.getCurrentRevision())) {
            return true;
        }
        int replicas = statefulSet.getSpec().getReplicas() == null
                ? 1
                : statefulSet.getSpec().getReplicas();
        return status.getUpdatedReplicas() != null && status.getUpdatedReplicas() < replicas;
    }

    private static List<StatefulSet> nebulaStatefulSets(KubernetesClient client) {
        var probe = new GenericKubernetesResourceBuilder()
                .withKind("StatefulSet")
                .withNewMetadata()
                .withName("*")
                .endMetadata()
                .build();
        List<StatefulSet> items = ResourceApplier.call(Operation.READ, probe, () -> client.apps()
                .statefulSets()
                .inAnyNamespace()
                .withLabel(Labels.MANAGED_BY, Labels.NEBULA)
                .list()
                .getItems());
        return items == null ? List.of() : items;
    }
}
