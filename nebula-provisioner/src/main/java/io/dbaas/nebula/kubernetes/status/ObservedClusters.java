package io.dbaas.nebula.kubernetes.status;

import io.dbaas.nebula.infrastructure.ObservedCluster;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprint;
import io.dbaas.nebula.kubernetes.blueprint.NodeReadiness;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Reads one cluster as it is now: its StatefulSet and its pods, one request each. */
public final class ObservedClusters {

    private ObservedClusters() {}

    public static Optional<ObservedCluster> observe(
            KubernetesClient client, UUID clusterId, EngineBlueprint blueprint) {
        String namespace = ResourceNames.namespace(clusterId);
        StatefulSet statefulSet = client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(blueprint.statefulSetName())
                .get();
        if (statefulSet == null) {
            return Optional.empty();
        }
        List<Pod> pods = client.pods()
                .inNamespace(namespace)
                .withLabels(Labels.selector(blueprint.engine().id(), clusterId))
                .list()
                .getItems();
        return Optional.of(of(statefulSet, pods, blueprint));
    }

    static ObservedCluster of(StatefulSet statefulSet, List<Pod> pods, EngineBlueprint blueprint) {
        NodeReadiness nodes = blueprint.readiness(statefulSet);
        Map<String, String> annotations = statefulSet.getMetadata().getAnnotations();
        String version = annotations == null ? "" : annotations.getOrDefault(Annotations.CLUSTER_VERSION, "");
        String disk = statefulSet.getSpec().getVolumeClaimTemplates() == null
                        || statefulSet.getSpec().getVolumeClaimTemplates().isEmpty()
                ? ""
                : Objects.toString(
                        statefulSet
                                .getSpec()
                                .getVolumeClaimTemplates()
                                .getFirst()
                                .getSpec()
                                .getResources()
                                .getRequests()
                                .get("storage"),
                        "");
        return new ObservedCluster(
                nodes.wanted(), nodes.ready(), version, PodVersions.versions(pods), disk, PodProblems.of(pods));
    }
}
