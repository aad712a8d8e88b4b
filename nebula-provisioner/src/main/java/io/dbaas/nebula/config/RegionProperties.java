package io.dbaas.nebula.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One region of a provider: how to reach its Kubernetes API and the cloud-specific settings the rendered objects need.
 * Cloud differences live here, not in code branches on the provider name.
 *
 * @param kubernetes how to reach the region's Kubernetes API
 * @param storageClass the storage class of data volumes; empty means the cluster's default storage class
 * @param exposure how the client Service of each database cluster is exposed on the data-plane network
 * @param clusterDomain the Kubernetes cluster DNS domain, used to build in-cluster Service host names
 * @param serviceAnnotations annotations put on every client Service (load-balancer settings of the cloud)
 * @param zones the availability zones ({@code topology.kubernetes.io/zone} values) database pods may run in and are
 *     spread evenly over; empty means any zone, spread as far as the nodes allow
 * @param gatekeeper where GateKeeper's traffic comes from in this region; null means the global {@code
 *     nebula.gatekeeper}
 * @param preStopPause how long a stopping database node keeps serving while this region's Service endpoints,
 *     kube-proxy, load balancers and GateKeeper stop sending to it (ECK waits likewise); at most {@link #MAX_PRE_STOP_PAUSE}
 * @param priorityClassName the PriorityClass of every database pod in this region, so that under pressure the scheduler
 *     evicts less important workloads before a database node; empty for none (the Kubernetes cluster's default). The
 *     PriorityClass itself is the region operator's: Nebula only names it.
 * @param monitoring where the platform's Prometheus scrapes this region's clusters from; null means the global {@code
 *     nebula.monitoring}
 * @param prometheusOperator whether this region's Kubernetes cluster runs the Prometheus operator (has the {@code
 *     monitoring.coreos.com} CRDs): only then does Nebula render PodMonitors, since an API server without the CRD
 *     refuses them
 * @param backupStorage where this region's clusters' backups live; null for none (no cluster of the region is
 *     wired to any store, and its objects render as they did before backups existed)
 */
public record RegionProperties(
        @DefaultValue KubernetesAccess kubernetes,
        @DefaultValue("") String storageClass,
        @DefaultValue("cluster-ip") Exposure exposure,
        @DefaultValue("cluster.local") String clusterDomain,
        @DefaultValue Map<String, String> serviceAnnotations,
        @DefaultValue List<String> zones,
        @Nullable GatekeeperPeers gatekeeper,
        @DefaultValue("30s") Duration preStopPause,
        @DefaultValue("") String priorityClassName,
        @Nullable MonitoringPeers monitoring,
        @DefaultValue("false") boolean prometheusOperator,
        @Nullable BackupStorage backupStorage) {

    /** What fits in a node's termination grace period beside the time it needs to finish its requests and close. */
    public static final Duration MAX_PRE_STOP_PAUSE = Duration.ofSeconds(120);

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    public RegionProperties {
        serviceAnnotations = Map.copyOf(serviceAnnotations);
        zones = List.copyOf(zones);
        if (!DNS_SUBDOMAIN.matcher(clusterDomain).matches()) {
            throw new IllegalArgumentException("cluster-domain must be a DNS name, got '" + clusterDomain + "'");
        }
        if (preStopPause.isNegative() || preStopPause.compareTo(MAX_PRE_STOP_PAUSE) > 0) {
            throw new IllegalArgumentException("pre-stop-pause must be between 0s and " + MAX_PRE_STOP_PAUSE.toSeconds()
                    + "s, got " + preStopPause);
        }
        if (!priorityClassName.isEmpty()
                && !DNS_SUBDOMAIN.matcher(priorityClassName).matches()) {
            throw new IllegalArgumentException(
                    "priority-class-name must be a Kubernetes object name, got '" + priorityClassName + "'");
        }
        if (!storageClass.isEmpty() && !DNS_SUBDOMAIN.matcher(storageClass).matches()) {
            throw new IllegalArgumentException(
                    "storage-class must be a Kubernetes object name, got '" + storageClass + "'");
        }
    }
}
