package io.dbaas.nebula.kubernetes.status;

import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.config.Exposure;
import io.dbaas.nebula.infrastructure.ClusterOperation;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprint;
import io.dbaas.nebula.kubernetes.blueprint.NodeReadiness;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.region.Region;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Decides from watched objects alone whether a cluster is ready: every node ready by its engine's readiness rule and,
 * for load-balancer exposure, an ingress address on its client Service. Pure: no API calls.
 */
final class ClusterReadiness {

    private ClusterReadiness() {}

    /** The cluster id a StatefulSet belongs to, if it is the node StatefulSet of a cluster of this engine. */
    static Optional<UUID> clusterId(StatefulSet statefulSet, EngineBlueprint blueprint) {
        Map<String, String> labels = statefulSet.getMetadata().getLabels();
        String id = labels == null ? null : labels.get(Labels.CLUSTER_ID);
        if (id == null
                || !blueprint.statefulSetName().equals(statefulSet.getMetadata().getName())) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The engine id a Nebula object carries in its {@code app.kubernetes.io/name} label. */
    static Optional<String> engineId(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return Optional.ofNullable(labels == null ? null : labels.get(Labels.NAME));
    }

    /** Whether the StatefulSet was created for this region (two regions may share one API server). */
    static boolean belongsTo(StatefulSet statefulSet, Region region) {
        Map<String, String> annotations = annotations(statefulSet);
        return region.id().provider().equals(annotations.get(Annotations.PROVIDER))
                && region.id().region().equals(annotations.get(Annotations.REGION));
    }

    static Optional<ReadyCluster> evaluate(
            StatefulSet statefulSet, @Nullable Service clientService, Region region, EngineBlueprint blueprint) {
        return evaluate(statefulSet, clientService, List.of(), region, blueprint);
    }

    /** @param pods the cluster's pods, whose settings say which scheme the client port serves */
    static Optional<ReadyCluster> evaluate(
            StatefulSet statefulSet,
            @Nullable Service clientService,
            List<Pod> pods,
            Region region,
            EngineBlueprint blueprint) {
        Optional<UUID> clusterId = clusterId(statefulSet, blueprint);
        if (clusterId.isEmpty() || !belongsTo(statefulSet, region)) {
            return Optional.empty();
        }
        NodeReadiness nodes = blueprint.readiness(statefulSet);
        if (!nodes.allReady()) {
            return Optional.empty();
        }
        Map<String, String> annotations = annotations(statefulSet);
        String endpoint = annotations.get(Annotations.CLUSTER_ENDPOINT);
        UUID commandId = uuid(annotations.get(Annotations.COMMAND_ID));
        UUID correlationId = uuid(annotations.get(Annotations.CORRELATION_ID));
        Optional<String> host = host(clusterId.get(), clientService, region, blueprint);
        if (endpoint == null || commandId == null || correlationId == null || host.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReadyCluster(
                clusterId.get(),
                statefulSet.getMetadata().getNamespace(),
                endpoint,
                new ServiceAddress(blueprint.clientScheme(pods), host.get(), blueprint.clientPort()),
                nodes.ready(),
                commandId,
                correlationId,
                annotations.get(Annotations.TRACE_ID)));
    }

    /**
     * The cluster of a node StatefulSet as the watches see it now; empty for an object that is not a cluster's node
     * StatefulSet in this region, or lacks the annotations Nebula writes. A change (operation {@code update}) is only
     * settled once every pod is ready and runs the template's images: the StatefulSet's counters alone may still
     * describe the pods of before.
     */
    static Optional<ClusterSnapshot> snapshot(
            StatefulSet statefulSet,
            @Nullable Service clientService,
            List<Pod> pods,
            Region region,
            EngineBlueprint blueprint) {
        Optional<UUID> clusterId = clusterId(statefulSet, blueprint);
        if (clusterId.isEmpty() || !belongsTo(statefulSet, region)) {
            return Optional.empty();
        }
        Map<String, String> annotations = annotations(statefulSet);
        UUID commandId = uuid(annotations.get(Annotations.COMMAND_ID));
        UUID correlationId = uuid(annotations.get(Annotations.CORRELATION_ID));
        Optional<ClusterOperation> operation =
                ClusterOperation.fromId(String.valueOf(annotations.get(Annotations.OPERATION)));
        if (commandId == null || correlationId == null) {
            return Optional.empty();
        }
        NodeReadiness nodes = blueprint.readiness(statefulSet);
        ClusterOperation kind = operation.orElse(ClusterOperation.PROVISION);
        Optional<ReadyCluster> ready = evaluate(statefulSet, clientService, pods, region, blueprint);
        if (kind == ClusterOperation.UPDATE && !PodVersions.allReadyAtTemplate(statefulSet, pods, nodes.wanted())) {
            ready = Optional.empty();
        }
        return Optional.of(new ClusterSnapshot(
                clusterId.get(),
                statefulSet.getMetadata().getNamespace(),
                kind,
                commandId,
                correlationId,
                annotations.get(Annotations.TRACE_ID),
                MessageTracing.wellFormedOrNull(annotations.get(Annotations.TRACEPARENT)),
                uuid(annotations.get(Annotations.ANNOUNCED_COMMAND)),
                annotations.getOrDefault(Annotations.CLUSTER_VERSION, ""),
                nodes.wanted(),
                nodes.ready(),
                ready,
                PodProblems.of(pods),
                AnnouncedCondition.parse(annotations.get(Annotations.ANNOUNCED_CONDITION))
                        .orElse(null),
                annotations.get(Annotations.ANNOUNCED_ADDRESS),
                RestoreStep.of(annotations)));
    }

    private static Optional<String> host(
            UUID clusterId, @Nullable Service clientService, Region region, EngineBlueprint blueprint) {
        if (region.properties().exposure() == Exposure.CLUSTER_IP) {
            return Optional.of(ResourceNames.serviceHost(
                    blueprint.clientServiceName(),
                    clusterId,
                    region.properties().clusterDomain()));
        }
        if (clientService == null
                || clientService.getStatus() == null
                || clientService.getStatus().getLoadBalancer() == null
                || clientService.getStatus().getLoadBalancer().getIngress() == null
                || clientService.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            return Optional.empty();
        }
        LoadBalancerIngress ingress =
                clientService.getStatus().getLoadBalancer().getIngress().getFirst();
        if (ingress.getIp() != null && !ingress.getIp().isBlank()) {
            return Optional.of(ingress.getIp());
        }
        return Optional.ofNullable(ingress.getHostname()).filter(hostname -> !hostname.isBlank());
    }

    private static Map<String, String> annotations(StatefulSet statefulSet) {
        Map<String, String> annotations = statefulSet.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
