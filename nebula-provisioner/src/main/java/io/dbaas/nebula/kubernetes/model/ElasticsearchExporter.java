package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpointBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.util.Map;
import java.util.TreeMap;

/**
 * The prometheus-community {@code elasticsearch_exporter} of one scraped Elasticsearch cluster: a Deployment of one
 * pod, its NetworkPolicy and its PodMonitor, and the rule that lets it, and nothing else of the monitoring kind, reach
 * the nodes' HTTPS port.
 *
 * <p>A Deployment beside the nodes rather than a sidecar in each node's pod: the exporter reads cluster-wide APIs
 * ({@code _cluster/health}, {@code _nodes/stats} of every node), so one per cluster gives every series once, where one
 * per node would report the same cluster N times; and a new exporter version or flag then never rolls the database
 * nodes. It authenticates as {@link ElasticsearchNames#MONITORING_USER}, whose role holds only the {@code monitor}
 * privileges, and trusts the cluster's CA, mounted without its key.
 */
public final class ElasticsearchExporter {

    /** A released version, pinned: a moving tag would change what runs under every cluster without a rendering change. */
    public static final String IMAGE = "quay.io/prometheuscommunity/elasticsearch-exporter:v1.11.0";

    public static final int METRICS_PORT = 9114;

    static final String CONTAINER = "exporter";
    static final String CA_VOLUME = "ca";
    static final String CA_PATH = "/mnt/dbaas/ca";

    /** The image runs as {@code nobody}; the exporter writes nothing, so the root filesystem stays read-only. */
    private static final SecurityContexts SECURITY = new SecurityContexts(65534L, 65534L, 65534L);

    private final ClusterBasics cluster;

    ElasticsearchExporter(ClusterBasics cluster) {
        this.cluster = cluster;
    }

    /** The labels of the exporter's pod: not the nodes' selector, so no node policy, budget or StatefulSet takes it. */
    Map<String, String> selector() {
        return Labels.selector(ElasticsearchNames.EXPORTER, cluster.clusterId());
    }

    /** The Secret of the monitoring user's name and password, without content: generated once, by the reconciler. */
    Secret generateMonitoringUserSecret() {
        return ClusterObjects.emptySecret(cluster, ElasticsearchNames.MONITORING_USER_SECRET);
    }

    /** Admits the exporter, and only it among what is not GateKeeper or a node, to the nodes' HTTPS port. */
    NetworkPolicyIngressRule nodeIngress(int httpPort) {
        return new NetworkPolicyIngressRuleBuilder()
                .withFrom(NetworkPolicyPeers.ownPods(selector()))
                .withPorts(NetworkPolicyPeers.tcp(httpPort))
                .build();
    }

    /** Admits the monitoring namespace to the exporter's metrics port, and nothing else to the exporter at all. */
    NetworkPolicy generateNetworkPolicy() {
        return new NetworkPolicyBuilder()
                .withMetadata(cluster.metadata(ElasticsearchNames.EXPORTER))
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(selector())
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .withIngress(MetricsObjects.scraperIngress(cluster, METRICS_PORT))
                .endSpec()
                .build();
    }

    Deployment generateDeployment(String elasticsearchUri) {
        Map<String, String> podLabels = Labels.of(ElasticsearchNames.EXPORTER, cluster.clusterId());
        return new DeploymentBuilder()
                .withMetadata(cluster.metadata(ElasticsearchNames.EXPORTER))
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .withMatchLabels(selector())
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels)
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(SECURITY.pod())
                .withContainers(container(elasticsearchUri))
                // Only the CA certificate of the Secret: its private key never reaches the exporter.
                .withVolumes(new VolumeBuilder()
                        .withName(CA_VOLUME)
                        .withNewSecret()
                        .withSecretName(ElasticsearchNames.CA_SECRET)
                        .addNewItem()
                        .withKey(ElasticsearchNames.CA_CERTIFICATE_ENTRY)
                        .withPath(ElasticsearchNames.CA_CERTIFICATE_ENTRY)
                        .endItem()
                        .withDefaultMode(0444)
                        .endSecret()
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** Scrapes the exporter's plain-HTTP metrics port; the data it exposes is statistics, never documents. */
    PodMonitor generatePodMonitor() {
        return MetricsObjects.podMonitor(
                cluster,
                ElasticsearchNames.EXPORTER,
                selector(),
                new PodMetricsEndpointBuilder()
                        .withPort("metrics")
                        .withPath("/metrics")
                        .withInterval(MetricsObjects.SCRAPE_INTERVAL)
                        .build());
    }

    /**
     * Cluster health and settings (disk watermarks) and every node's statistics ({@code --es.all}); per-index series are
     * left out, since a client's index count would set their number.
     */
    private Container container(String elasticsearchUri) {
        Map<String, Quantity> requests = Map.of("cpu", new Quantity("50m"), "memory", new Quantity("64Mi"));
        Map<String, Quantity> limits = Map.of("cpu", new Quantity("200m"), "memory", new Quantity("128Mi"));
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(IMAGE)
                .withImagePullPolicy("IfNotPresent")
                .withArgs(
                        "--es.uri=" + elasticsearchUri,
                        "--es.ca=" + CA_PATH + "/" + ElasticsearchNames.CA_CERTIFICATE_ENTRY,
                        "--es.all",
                        "--collector.clustersettings",
                        "--es.timeout=10s",
                        "--web.listen-address=:" + METRICS_PORT)
                .withPorts(ContainerPorts.tcp("metrics", METRICS_PORT))
                .withEnv(
                        secretEnv("ES_USERNAME", ElasticsearchNames.MONITORING_USERNAME_ENTRY),
                        secretEnv("ES_PASSWORD", ElasticsearchNames.MONITORING_PASSWORD_ENTRY))
                .withResources(new ResourceRequirementsBuilder()
                        .withRequests(new TreeMap<>(requests))
                        .withLimits(new TreeMap<>(limits))
                        .build())
                .withNewLivenessProbe()
                .withNewTcpSocket()
                .withPort(new IntOrString(METRICS_PORT))
                .endTcpSocket()
                .withPeriodSeconds(10)
                .withFailureThreshold(6)
                .endLivenessProbe()
                .withSecurityContext(SECURITY.container())
                .withVolumeMounts(VolumeMounts.readOnly(CA_VOLUME, CA_PATH))
                .build();
    }

    private static EnvVar secretEnv(String name, String entry) {
        return EnvVars.fromSecret(name, ElasticsearchNames.MONITORING_USER_SECRET, entry);
    }
}
