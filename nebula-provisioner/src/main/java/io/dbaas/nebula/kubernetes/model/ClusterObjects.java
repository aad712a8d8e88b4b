package io.dbaas.nebula.kubernetes.model;

import io.dbaas.nebula.config.Exposure;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects, and parts of objects, every engine's cluster has in the same form: built from {@link ClusterBasics}
 * and the engine's names and ports only.
 */
final class ClusterObjects {

    /** The pod template's hash of the configuration its pods read at start: a new one rolls them. */
    static final String CONFIG_HASH = "dbaas.io/config-hash";

    private ClusterObjects() {}

    /**
     * The cluster's namespace. Pod Security Admission enforces the restricted profile on it, pinned to the Kubernetes
     * version whose profile the rendered pods were checked against (a newer one could tighten it under running
     * clusters); audit and warnings follow the newest profile, so a coming change shows before it bites.
     */
    static Namespace namespace(ClusterBasics cluster) {
        Map<String, String> labels = cluster.labels();
        labels.putAll(PodSecurity.restrictedNamespaceLabels());
        return new NamespaceBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(cluster.namespace())
                        .withLabels(labels)
                        .withAnnotations(new LinkedHashMap<>(cluster.namespaceAnnotations()))
                        .build())
                .build();
    }

    /** A Secret without content: the reconciler fills it once, a rendering for review shows a placeholder. */
    static Secret emptySecret(ClusterBasics cluster, String name) {
        return new SecretBuilder()
                .withMetadata(cluster.metadata(name))
                .withType("Opaque")
                .build();
    }

    /** Stable DNS names for every pod, published before the pod is ready so that peers can find each other. */
    static Service headlessService(ClusterBasics cluster, String name, ServicePort... ports) {
        return new ServiceBuilder()
                .withMetadata(cluster.metadata(name))
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(cluster.selector())
                .withPorts(ports)
                .endSpec()
                .build();
    }

    /**
     * One DNS name listing the ready pods only, with no per-pod names (those belong to the headless Service the
     * StatefulSet names): whether a peer is ready, as Kubernetes judges it from the peer's readiness probe.
     */
    static Service readyPodsService(ClusterBasics cluster, String name, ServicePort... ports) {
        return new ServiceBuilder()
                .withMetadata(cluster.metadata(name))
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(false)
                .withSelector(cluster.selector())
                .withPorts(ports)
                .endSpec()
                .build();
    }

    /** The Service clients (through GateKeeper) use, exposed and annotated as the region says. */
    static Service clientService(ClusterBasics cluster, String name, ServicePort... ports) {
        ObjectMeta metadata = cluster.metadata(name);
        Map<String, String> annotations = cluster.serviceAnnotations();
        metadata.setAnnotations(annotations.isEmpty() ? null : new LinkedHashMap<>(annotations));
        return new ServiceBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                .withType(cluster.exposure() == Exposure.LOAD_BALANCER ? "LoadBalancer" : "ClusterIP")
                .withSelector(cluster.selector())
                .withPorts(ports)
                .endSpec()
                .build();
    }

    /** A TCP port of a Service, targeting the container port of the same name. */
    static ServicePort servicePort(String name, int port) {
        return new ServicePortBuilder()
                .withName(name)
                .withPort(port)
                .withNewTargetPort(name)
                .withProtocol("TCP")
                .build();
    }

    /**
     * Voluntary disruptions (node drains, upgrades) take down one pod at a time. A pod that is running but not ready
     * may always be evicted: it serves nothing, and under the default policy one stuck pod would block every drain of
     * its Kubernetes node for good.
     */
    static PodDisruptionBudget podDisruptionBudget(ClusterBasics cluster, String name) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(cluster.metadata(name))
                .withNewSpec()
                .withNewMaxUnavailable(1)
                .withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector()
                .withMatchLabels(cluster.selector())
                .endSelector()
                .endSpec()
                .build();
    }

    /**
     * Admits the client ports only from GateKeeper, the peer ports only from the cluster's own pods, the engine's API
     * port from the cluster's backup agent pods (ADR 0017), and whatever {@code metricsRules} admit for metrics (an
     * empty list when the cluster is not scraped); everything else that reaches a pod is dropped. Egress stays open:
     * pods resolve and reach each other by DNS.
     */
    static NetworkPolicy networkPolicy(
            ClusterBasics cluster,
            String name,
            List<Integer> clientPorts,
            List<Integer> peerPorts,
            int apiPort,
            List<NetworkPolicyIngressRule> metricsRules) {
        return new NetworkPolicyBuilder()
                .withMetadata(cluster.metadata(name))
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(cluster.selector())
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withFrom(NetworkPolicyPeers.gatekeeper(cluster.gatekeeper()))
                .withPorts(tcp(clientPorts))
                .endIngress()
                .addNewIngress()
                .withFrom(NetworkPolicyPeers.ownPods(cluster.selector()))
                .withPorts(tcp(peerPorts))
                .endIngress()
                .addNewIngress()
                .withFrom(NetworkPolicyPeers.ownPods(BackupAgentJob.selector(cluster.clusterId())))
                .withPorts(NetworkPolicyPeers.tcp(apiPort))
                .endIngress()
                .addAllToIngress(metricsRules)
                .endSpec()
                .build();
    }

    /**
     * The node StatefulSet, carrying the status annotations. Pods start in parallel: every engine here needs all its
     * initial nodes up to form the cluster (Qdrant's Raft, Elasticsearch's initial master nodes), so none waits for
     * another. Changes to the pods (a new version, new resources, a new configuration: a hash of {@code configuration}
     * is in the pod template) roll out one pod at a time, highest ordinal first, each waiting for the one before to be
     * ready: the parallel policy applies to scaling only, never to updates.
     */
    static StatefulSet statefulSet(
            ClusterBasics cluster,
            String name,
            String headlessService,
            ConfigMap configuration,
            PodSpec podSpec,
            PersistentVolumeClaim dataClaimTemplate) {
        ObjectMeta metadata = cluster.metadata(name);
        metadata.setAnnotations(new LinkedHashMap<>(cluster.statefulSetAnnotations()));
        return new StatefulSetBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                .withReplicas(cluster.replicas())
                .withServiceName(headlessService)
                .withPodManagementPolicy("Parallel")
                .withNewUpdateStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withPartition(0)
                .endRollingUpdate()
                .endUpdateStrategy()
                .withNewSelector()
                .withMatchLabels(cluster.selector())
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(cluster.labels())
                .withAnnotations(Map.of(CONFIG_HASH, configHash(configuration)))
                .endMetadata()
                .withSpec(podSpec)
                .endTemplate()
                .withVolumeClaimTemplates(dataClaimTemplate)
                .endSpec()
                .build();
    }

    /** Requests equal limits: the node gets exactly what the client pays for (Guaranteed QoS). */
    static ResourceRequirements guaranteedResources(ClusterBasics cluster) {
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", cluster.cpu());
        resources.put("memory", cluster.memory());
        return new ResourceRequirementsBuilder()
                .withRequests(resources)
                .withLimits(new LinkedHashMap<>(resources))
                .build();
    }

    /** The claim template of each node's data volume, of the claimed size on the region's storage class. */
    static PersistentVolumeClaim dataClaimTemplate(ClusterBasics cluster, String volume) {
        String storageClass = cluster.storageClass();
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(volume)
                .withLabels(cluster.labels())
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                // Left out when empty, so that the cluster's default storage class applies.
                .withStorageClassName(storageClass.isEmpty() ? null : storageClass)
                .withNewResources()
                .withRequests(Map.of("storage", cluster.disk()))
                .endResources()
                .endSpec()
                .build();
    }

    /** SHA-256 of the ConfigMap's files, in name order. */
    static String configHash(ConfigMap configuration) {
        MessageDigest digest = sha256();
        new TreeMap<>(configuration.getData()).forEach((file, content) -> {
            digest.update(file.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(content.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static List<NetworkPolicyPort> tcp(List<Integer> ports) {
        return ports.stream().map(NetworkPolicyPeers::tcp).toList();
    }
}
