package io.dbaas.nebula.kubernetes.model;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one place Kubernetes object names come from. Names are deterministic functions of the cluster id, so that a
 * redelivered command finds the objects it created before instead of creating new ones. Every name is a DNS label
 * (RFC 1123, at most 63 characters).
 */
public final class ResourceNames {

    public static final int MAX_LENGTH = 63;

    public static final String QDRANT_STATEFUL_SET = "qdrant";
    public static final String QDRANT_CLIENT_SERVICE = "qdrant";
    public static final String QDRANT_HEADLESS_SERVICE = "qdrant-headless";
    /** Headless too, but listing only ready pods: a starting pod 0 asks it whether a cluster runs. */
    public static final String QDRANT_READY_SERVICE = "qdrant-ready";

    public static final String QDRANT_CONFIG_MAP = "qdrant-config";
    public static final String QDRANT_MASTER_KEY_SECRET = "qdrant-master-key";
    /** The cluster's CA: certificate and private key. Never mounted into a pod. */
    public static final String QDRANT_CA_SECRET = "qdrant-ca";
    /** The nodes' certificate, its key and the CA certificate, mounted into every node. */
    public static final String QDRANT_CERTIFICATES_SECRET = "qdrant-certs";

    /**
     * Qdrant's read-only API key, which the platform's Prometheus presents to scrape {@code /metrics}; generated once,
     * only for a scraped cluster. Never the master key.
     */
    public static final String QDRANT_METRICS_READER_SECRET = "qdrant-metrics-reader";

    public static final String QDRANT_POD_MONITOR = "qdrant";

    public static final String QDRANT_STORAGE_VOLUME = "qdrant-storage";
    public static final String QDRANT_POD_DISRUPTION_BUDGET = "qdrant";
    public static final String QDRANT_NETWORK_POLICY = "qdrant";

    /**
     * The copy, in a cluster's namespace, of the region's backup-storage credentials: what the nodes read, by
     * reference only (a keystore built from it, or {@code secretKeyRef}s).
     */
    public static final String BACKUP_CREDENTIALS_SECRET = "backup-storage-credentials";

    /** The entry of the master-key Secret that holds the key. */
    public static final String MASTER_KEY_ENTRY = "api-key";

    private static final String NAMESPACE_PREFIX = "dbaas-";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private ResourceNames() {}

    /** One namespace per cluster, so that deleting the namespace deletes the whole cluster. */
    public static String namespace(UUID clusterId) {
        return dnsLabel(NAMESPACE_PREFIX + clusterId);
    }

    /** The name of pod {@code ordinal} of the Qdrant StatefulSet. */
    public static String qdrantPod(int ordinal) {
        return dnsLabel(QDRANT_STATEFUL_SET + "-" + ordinal);
    }

    /** The stable DNS name of one Qdrant pod through the headless Service, as peers reach it. */
    public static String qdrantPeerHost(UUID clusterId, int ordinal) {
        return qdrantPod(ordinal) + "." + QDRANT_HEADLESS_SERVICE + "." + namespace(clusterId);
    }

    /** The in-cluster host name of one of a cluster's Services. */
    public static String serviceHost(String service, UUID clusterId, String clusterDomain) {
        return dnsLabel(service) + "." + namespace(clusterId) + ".svc." + clusterDomain;
    }

    /** Returns {@code name} if it is a valid DNS label, else fails: a bad name must never reach the API server. */
    public static String dnsLabel(String name) {
        if (name.length() > MAX_LENGTH || !DNS_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("not a DNS label of at most 63 characters: " + name);
        }
        return name;
    }
}
