package io.dbaas.nebula.kubernetes.model;

import io.dbaas.nebula.config.MonitoringPeers;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What every engine's cluster needs to be scraped by the platform's Prometheus, and nothing beyond. */
final class MetricsObjects {

    /** How often Prometheus scrapes a cluster: often enough for a rate over a few minutes, cheap for the nodes. */
    static final String SCRAPE_INTERVAL = "30s";

    /**
     * The most samples one scrape may bring; beyond it Prometheus drops the scrape and says so, rather than ingest a
     * series explosion from one cluster.
     */
    static final long SAMPLE_LIMIT = 20_000;

    private MetricsObjects() {}

    /**
     * The rule that admits the monitoring namespace to {@code ports} of the policy's pods, or none when the cluster is
     * not scraped: no monitoring setting, no rule, so the policy admits nothing beyond GateKeeper and the peers.
     */
    static List<NetworkPolicyIngressRule> scraperIngress(ClusterBasics cluster, Integer... ports) {
        MonitoringPeers monitoring = cluster.monitoring();
        if (monitoring == null) {
            return List.of();
        }
        return List.of(new NetworkPolicyIngressRuleBuilder()
                .withFrom(NetworkPolicyPeers.monitoring(monitoring))
                .withPorts(Arrays.stream(ports).map(NetworkPolicyPeers::tcp).toList())
                .build());
    }

    /**
     * A PodMonitor in the cluster's namespace (the only namespace whose Secrets it may name), scraping the pods
     * {@code selector} selects; every series carries the cluster's id as label {@code dbaas_io_cluster_id}.
     */
    static PodMonitor podMonitor(
            ClusterBasics cluster, String name, Map<String, String> selector, PodMetricsEndpoint endpoint) {
        return new PodMonitorBuilder()
                .withMetadata(cluster.metadata(name))
                .withNewSpec()
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withPodTargetLabels(Labels.CLUSTER_ID)
                .withSampleLimit(SAMPLE_LIMIT)
                .withPodMetricsEndpoints(endpoint)
                .endSpec()
                .build();
    }
}
