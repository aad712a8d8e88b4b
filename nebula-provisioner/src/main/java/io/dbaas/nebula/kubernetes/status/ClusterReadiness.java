package io.dbaas.nebula.kubernetes.status;

import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.nebula.config.Exposure;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.kubernetes.model.QdrantCluster;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.region.Region;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Decides from watched objects alone whether a cluster is ready: every replica of its StatefulSet ready and, for
 * load-balancer exposure, an ingress address on its client Service. Pure: no API calls.
 */
final class ClusterReadiness {

    private ClusterReadiness() {}

    /** The cluster id a Nebula StatefulSet belongs to, if it is one. */
    static Optional<UUID> clusterId(StatefulSet statefulSet) {
        Map<String, String> labels = statefulSet.getMetadata().getLabels();
        String id = labels == null ? null : labels.get(Labels.CLUSTER_ID);
        if (id == null
                || !ResourceNames.QDRANT_STATEFUL_SET.equals(
                        statefulSet.getMetadata().getName())) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the StatefulSet was created for this region (two regions may share one API server). */
    static boolean belongsTo(StatefulSet statefulSet, Region region) {
        Map<String, String> annotations = annotations(statefulSet);
        return region.id().provider().equals(annotations.get(Annotations.PROVIDER))
                && region.id().region().equals(annotations.get(Annotations.REGION));
    }

    static Optional<ReadyCluster> evaluate(StatefulSet statefulSet, @Nullable Service clientService, Region region) {
        Optional<UUID> clusterId = clusterId(statefulSet);
        if (clusterId.isEmpty() || !belongsTo(statefulSet, region)) {
            return Optional.empty();
        }
        int wanted = statefulSet.getSpec().getReplicas() == null
                ? 1
                : statefulSet.getSpec().getReplicas();
        int ready = statefulSet.getStatus() == null || statefulSet.getStatus().getReadyReplicas() == null
                ? 0
                : statefulSet.getStatus().getReadyReplicas();
        if (ready < wanted) {
            return Optional.empty();
        }
        Map<String, String> annotations = annotations(statefulSet);
        String endpoint = annotations.get(Annotations.CLUSTER_ENDPOINT);
        UUID commandId = uuid(annotations.get(Annotations.COMMAND_ID));
        UUID correlationId = uuid(annotations.get(Annotations.CORRELATION_ID));
        Optional<String> host = host(clusterId.get(), clientService, region);
        if (endpoint == null || commandId == null || correlationId == null || host.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReadyCluster(
                clusterId.get(),
                statefulSet.getMetadata().getNamespace(),
                endpoint,
                new ServiceAddress("http", host.get(), QdrantCluster.HTTP_PORT),
                ready,
                commandId,
                correlationId,
                annotations.get(Annotations.TRACE_ID)));
    }

    private static Optional<String> host(UUID clusterId, @Nullable Service clientService, Region region) {
        if (region.properties().exposure() == Exposure.CLUSTER_IP) {
            return Optional.of(ResourceNames.qdrantClientServiceHost(
                    clusterId, region.properties().clusterDomain()));
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
