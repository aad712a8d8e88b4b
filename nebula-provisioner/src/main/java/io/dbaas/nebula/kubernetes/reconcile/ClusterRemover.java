package io.dbaas.nebula.kubernetes.reconcile;

import io.dbaas.nebula.config.DeletionProperties;
import io.dbaas.nebula.config.VolumePolicy;
import io.dbaas.nebula.infrastructure.DeletionReport;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removes a cluster: namespace marked as being deleted (nothing is restored in it any more) → PodMonitors, where the
 * region runs the Prometheus operator → StatefulSets, Deployments and pods →
 * reclaim policy of the bound volumes as the volume policy says → Services, budgets, policies, ConfigMaps, Secrets,
 * volume claims → the namespace, awaited until gone. A cluster whose namespace does not exist is already removed.
 */
public final class ClusterRemover {

    private ClusterRemover() {}

    public static DeletionReport remove(
            Appliers appliers, String namespace, Map<String, String> clusterLabels, DeletionProperties deletion) {
        return remove(appliers, namespace, clusterLabels, deletion, false);
    }

    /** @param prometheusOperator whether the region runs the Prometheus operator, so that PodMonitors may exist */
    public static DeletionReport remove(
            Appliers appliers,
            String namespace,
            Map<String, String> clusterLabels,
            DeletionProperties deletion,
            boolean prometheusOperator) {
        Optional<Namespace> existing = appliers.namespaceMarks().find(namespace);
        if (existing.isEmpty()) {
            return new DeletionReport(false, List.of(), List.of());
        }
        appliers.namespaceMarks().annotate(namespace, Annotations.DELETING, "true");
        List<String> removed = new ArrayList<>();
        if (prometheusOperator) {
            removed.addAll(appliers.removals().podMonitors(namespace));
        }
        removed.addAll(appliers.removals().workloads(namespace));
        List<String> volumes = appliers.volumes().reclaimAs(namespace, deletion.volumes(), clusterLabels);
        removed.addAll(appliers.removals().everythingElse(namespace));
        appliers.removals().namespace(namespace, deletion.timeout());
        removed.add("Namespace " + namespace);
        return new DeletionReport(true, removed, deletion.volumes() == VolumePolicy.RETAIN ? volumes : List.of());
    }
}
