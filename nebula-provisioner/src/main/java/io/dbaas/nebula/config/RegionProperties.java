package io.dbaas.nebula.config;

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
 */
public record RegionProperties(
        @DefaultValue KubernetesAccess kubernetes,
        @DefaultValue("") String storageClass,
        @DefaultValue("cluster-ip") Exposure exposure,
        @DefaultValue("cluster.local") String clusterDomain,
        @DefaultValue Map<String, String> serviceAnnotations,
        @DefaultValue List<String> zones,
        @Nullable GatekeeperPeers gatekeeper) {

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    public RegionProperties {
        serviceAnnotations = Map.copyOf(serviceAnnotations);
        zones = List.copyOf(zones);
        if (!DNS_SUBDOMAIN.matcher(clusterDomain).matches()) {
            throw new IllegalArgumentException("cluster-domain must be a DNS name, got '" + clusterDomain + "'");
        }
        if (!storageClass.isEmpty() && !DNS_SUBDOMAIN.matcher(storageClass).matches()) {
            throw new IllegalArgumentException(
                    "storage-class must be a Kubernetes object name, got '" + storageClass + "'");
        }
    }
}
