package io.dbaas.nebula.kubernetes.model;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** The names of an Elasticsearch cluster's objects and hosts; every one goes through {@link ResourceNames}. */
public final class ElasticsearchNames {

    public static final String STATEFUL_SET = "elasticsearch";
    public static final String CLIENT_SERVICE = "elasticsearch";
    public static final String HEADLESS_SERVICE = "elasticsearch-headless";
    public static final String CONFIG_MAP = "elasticsearch-config";

    /**
     * Holds the bootstrap list of master nodes while the cluster has never formed; created with it only together with
     * the cluster, emptied once a node has been ready, and never filled again.
     */
    public static final String BOOTSTRAP_CONFIG_MAP = "elasticsearch-bootstrap";

    public static final String POD_DISRUPTION_BUDGET = "elasticsearch";
    public static final String NETWORK_POLICY = "elasticsearch";
    public static final String DATA_VOLUME = "elasticsearch-data";

    /** Holds the password of the built-in {@code elastic} superuser, which is the cluster's master key. */
    public static final String ELASTIC_USER_SECRET = "elasticsearch-elastic-user";

    public static final String ELASTIC_USER_ENTRY = "elastic";

    /**
     * The file-realm users of the nodes, generated once from the master key: {@code elastic} (GateKeeper's credential)
     * and the nodes' own user, as password hashes, and the latter's password for the pods' scripts.
     */
    public static final String INTERNAL_USERS_SECRET = "elasticsearch-internal-users";

    /** Entries of {@link #INTERNAL_USERS_SECRET}: the file realm's two files, and the nodes' own password. */
    public static final String USERS_ENTRY = "users";

    public static final String USERS_ROLES_ENTRY = "users_roles";
    public static final String NODE_PASSWORD_ENTRY = "dbaas-node.password";

    /** GateKeeper's user, a superuser whose password is the master key. */
    public static final String ELASTIC_USER = "elastic";

    /** The nodes' own user: readiness and shutdown hooks, never the customer's credential. */
    public static final String NODE_USER = "dbaas-node";

    public static final String NODE_ROLE = "dbaas_node";

    /**
     * The least-privileged user the metrics exporter reads the cluster with: cluster privilege {@code monitor} and
     * {@code monitor} on indices, nothing else; never {@link #ELASTIC_USER}.
     */
    public static final String MONITORING_USER = "dbaas-monitor";

    public static final String MONITORING_ROLE = "dbaas_monitor";

    /** The monitoring user's name and password, generated once, only for a scraped cluster; read by the exporter. */
    public static final String MONITORING_USER_SECRET = "elasticsearch-monitoring-user";

    public static final String MONITORING_USERNAME_ENTRY = "username";
    public static final String MONITORING_PASSWORD_ENTRY = "password";

    /** The prometheus-community elasticsearch_exporter of a scraped cluster: its Deployment, policy and monitor. */
    public static final String EXPORTER = "elasticsearch-exporter";

    /** The cluster's CA: certificate and private key. Never mounted into a pod. */
    public static final String CA_SECRET = "elasticsearch-ca";

    /** The nodes' certificate, its key and the CA certificate, mounted into every node. */
    public static final String CERTIFICATES_SECRET = "elasticsearch-certs";

    public static final String CA_CERTIFICATE_ENTRY = ClusterCertificates.CA_CERTIFICATE_ENTRY;
    public static final String CA_KEY_ENTRY = ClusterCertificates.CA_KEY_ENTRY;
    public static final String CERTIFICATE_ENTRY = ClusterCertificates.CERTIFICATE_ENTRY;
    public static final String KEY_ENTRY = ClusterCertificates.KEY_ENTRY;

    private ElasticsearchNames() {}

    /** The name of pod {@code ordinal}, which is also its Elasticsearch node name. */
    public static String pod(int ordinal) {
        return ResourceNames.dnsLabel(STATEFUL_SET + "-" + ordinal);
    }

    /** The node names of a cluster of {@code nodes} nodes, as {@code cluster.initial_master_nodes} lists them. */
    public static List<String> nodeNames(int nodes) {
        return IntStream.range(0, nodes).mapToObj(ElasticsearchNames::pod).toList();
    }

    /** The headless Service's domain under which every pod has a name: {@code <pod>.<this>}. */
    public static String podDomain(UUID clusterId) {
        return HEADLESS_SERVICE + "." + ResourceNames.namespace(clusterId) + ".svc";
    }

    /** The stable DNS name of one pod through the headless Service, short of the cluster domain. */
    public static String podHost(UUID clusterId, int ordinal) {
        return pod(ordinal) + "." + podDomain(clusterId);
    }
}
