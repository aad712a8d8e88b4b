package io.dbaas.nebula.kubernetes.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The files of an Elasticsearch cluster's ConfigMap: {@code elasticsearch.yml} and the scripts the pods run. Pure text,
 * from the cluster id and size alone.
 *
 * @param clusterId the cluster, which is also the Elasticsearch cluster name
 * @param nodes how many nodes the cluster has, for the bootstrap list of master nodes
 */
record ElasticsearchConfigFiles(UUID clusterId, int nodes) {

    static final String CONFIG_FILE = "elasticsearch.yml";
    static final String START_SCRIPT = "start.sh";
    static final String READINESS_SCRIPT = "readiness.sh";
    static final String WAIT_FOR_ZONE_SCRIPT = "wait-for-zone.sh";

    static final String HOME = "/usr/share/elasticsearch";
    static final String CONFIG_PATH = HOME + "/config";
    static final String CERTIFICATES_PATH = CONFIG_PATH + "/certs";
    static final String DATA_PATH = HOME + "/data";
    static final String LOGS_PATH = HOME + "/logs";
    static final String SCRIPTS_PATH = "/mnt/nebula";
    static final String DOWNWARD_API_PATH = "/mnt/downward-api";

    /**
     * Written on the data volume by the readiness script once the node has seen an elected master, that is once it
     * belongs to a formed cluster; from then on the node starts without {@code cluster.initial_master_nodes}.
     */
    static final String CLUSTER_FORMED_MARKER = DATA_PATH + "/.nebula-cluster-formed";

    /** The pod annotation Nebula copies the zone of the pod's Kubernetes node into (ECK's convention). */
    static final String ZONE_ANNOTATION = "topology.kubernetes.io/zone";

    Map<String, String> all() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CONFIG_FILE, elasticsearchYml());
        files.put(START_SCRIPT, startScript());
        files.put(READINESS_SCRIPT, readinessScript());
        files.put(WAIT_FOR_ZONE_SCRIPT, waitForZoneScript());
        return files;
    }

    /**
     * Every node has every role, so that any node can replace any other. TLS on both layers from the cluster's own
     * CA: transport verifies the certificate, not the host name, because nodes reach each other by IP and only this
     * cluster's nodes hold a certificate of this CA (ECK verifies transport the same way).
     */
    String elasticsearchYml() {
        return """
                # Rendered by Nebula. Node-specific values come from the pod's environment (downward API).
                cluster.name: %s
                node.name: ${POD_NAME}
                node.roles: [master, data, ingest, ml, remote_cluster_client, transform]
                network.host: 0.0.0.0
                network.publish_host: ${POD_IP}
                http.publish_host: ${POD_NAME}.%s
                discovery.seed_hosts: [%s]
                path.data: %s
                path.logs: %s
                # vm.max_map_count cannot be guaranteed on every cloud's nodes without a privileged container (ADR 0006).
                node.store.allow_mmap: false
                # Shard allocation awareness: a primary and its replicas never share a Kubernetes node or, when the
                # region has zones, a zone.
                node.attr.zone: ${ZONE}
                node.attr.k8s_node_name: ${NODE_NAME}
                cluster.routing.allocation.awareness.attributes: k8s_node_name,zone
                xpack.security.enabled: true
                xpack.security.transport.ssl.enabled: true
                xpack.security.transport.ssl.verification_mode: certificate
                xpack.security.transport.ssl.client_authentication: required
                xpack.security.transport.ssl.key: certs/tls.key
                xpack.security.transport.ssl.certificate: certs/tls.crt
                xpack.security.transport.ssl.certificate_authorities: [certs/ca.crt]
                xpack.security.http.ssl.enabled: true
                xpack.security.http.ssl.key: certs/tls.key
                xpack.security.http.ssl.certificate: certs/tls.crt
                xpack.security.http.ssl.certificate_authorities: [certs/ca.crt]
                """.formatted(
                        clusterId,
                        ElasticsearchNames.podDomain(clusterId),
                        ElasticsearchNames.podDomain(clusterId),
                        DATA_PATH,
                        LOGS_PATH);
    }

    /**
     * {@code cluster.initial_master_nodes} only until the node has been part of a formed cluster: Elastic asks for it
     * to be removed after bootstrap, since a node that lost its data could otherwise found a second cluster. Decided
     * at start from a marker on the node's own volume, so the StatefulSet never changes (and never rolls) for it.
     */
    String startScript() {
        return """
                #!/bin/bash
                # Rendered by Nebula. Starts Elasticsearch; bootstraps the cluster only if this node never joined one.
                set -euo pipefail
                if [ -e '%s' ]; then
                  exec /usr/local/bin/docker-entrypoint.sh eswrapper
                fi
                exec /usr/local/bin/docker-entrypoint.sh eswrapper -Ecluster.initial_master_nodes=%s
                """.formatted(CLUSTER_FORMED_MARKER, String.join(",", ElasticsearchNames.nodeNames(nodes)));
    }

    /**
     * Ready once the node answers {@code _cluster/health?local=true} over HTTPS, with the {@code elastic} credentials,
     * and reports an elected master: it then serves requests. Not on the cluster's colour, so that one red index does
     * not take every node out of the Service. The password goes to curl on standard input, never on its command line.
     */
    String readinessScript() {
        return """
                #!/bin/bash
                # Rendered by Nebula. Readiness: this node has joined a cluster with an elected master.
                set -uo pipefail
                health=$(printf 'user = "elastic:%%s"\\n' "$ELASTIC_PASSWORD" | curl --silent --show-error --fail \\
                  --max-time 3 --config - --cacert '%s/ca.crt' 'https://127.0.0.1:9200/_cluster/health?local=true') || exit 1
                if [[ "$health" =~ \\"discovered_master\\":true ]]; then
                  [ -e '%s' ] || touch '%s'
                  exit 0
                fi
                echo "no elected master yet: $health" >&2
                exit 1
                """.formatted(CERTIFICATES_PATH, CLUSTER_FORMED_MARKER, CLUSTER_FORMED_MARKER);
    }

    /**
     * The zone of the pod's node is not visible to the pod; Nebula copies it into a pod annotation once the pod is
     * scheduled (as ECK does), and the downward API volume shows it here. Gives up after five minutes so that a
     * missing annotation shows as a failing init container rather than a silent wait.
     */
    String waitForZoneScript() {
        return """
                #!/bin/bash
                # Rendered by Nebula. Waits for the zone of this pod's Kubernetes node (annotation %s).
                for attempt in $(seq 1 300); do
                  grep -q '^%s=' '%s/annotations' && exit 0
                  sleep 1
                done
                echo 'Nebula has not annotated this pod with its node zone (%s) within 5 minutes' >&2
                exit 1
                """.formatted(ZONE_ANNOTATION, ZONE_ANNOTATION, DOWNWARD_API_PATH, ZONE_ANNOTATION);
    }
}
