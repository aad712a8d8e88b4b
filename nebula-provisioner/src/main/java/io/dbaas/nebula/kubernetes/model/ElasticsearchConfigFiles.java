package io.dbaas.nebula.kubernetes.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The files of an Elasticsearch cluster's ConfigMap: {@code elasticsearch.yml}, the file-based role of the nodes' own
 * user, and the scripts the pods run. Pure text, from the cluster id alone; none of it changes with the cluster's size,
 * so scaling never rolls the nodes.
 *
 * <p>The scripts are the pod's side of availability: a node starts with no help from Nebula (its zone and bootstrap
 * seeds come from volumes), reports ready only while it is in a cluster with an elected master, and after a restart
 * only once the cluster is back to the health it had when the node went down, so that a rolling change or a node drain
 * takes the next node down only then.
 *
 * @param clusterId the cluster, which is also the Elasticsearch cluster name
 * @param preStopPause how long a stopping node keeps serving while its region stops sending to it
 * @param monitoringRole whether {@code roles.yml} defines the metrics exporter's role (a scraped cluster)
 * @param backup the snapshot repository client of the region's backup storage; null where the region has none, and
 *     then no file mentions backups
 */
record ElasticsearchConfigFiles(
        UUID clusterId,
        Duration preStopPause,
        boolean monitoringRole,
        @Nullable ElasticsearchBackupStorage backup) {

    static final String CONFIG_FILE = "elasticsearch.yml";
    static final String ROLES_FILE = "roles.yml";
    static final String NODE_API_SCRIPT = "node-api.sh";
    static final String START_SCRIPT = "start.sh";
    static final String READINESS_SCRIPT = "readiness.sh";
    static final String PRE_STOP_SCRIPT = "pre-stop.sh";

    static final String HOME = "/usr/share/elasticsearch";
    static final String DATA_PATH = HOME + "/data";
    static final String LOGS_PATH = HOME + "/logs";

    /** Where Nebula's volumes appear in the pod. */
    static final String MOUNTS = "/mnt/dbaas";

    static final String SCRIPTS_PATH = MOUNTS + "/config";
    static final String BOOTSTRAP_PATH = MOUNTS + "/bootstrap";
    static final String INTERNAL_USERS_PATH = MOUNTS + "/internal-users";
    static final String DOWNWARD_API_PATH = MOUNTS + "/downward-api";

    /**
     * The node's configuration directory ({@code ES_PATH_CONF}), an emptyDir: the image's defaults copied in at start,
     * Nebula's files linked from their volumes (so that a changed file is seen without a stale copy), the TLS material
     * mounted beneath it, and the keystore Elasticsearch writes there. The image's own files stay read-only.
     */
    static final String CONFIG_PATH = MOUNTS + "/es-config";

    static final String CERTIFICATES_PATH = CONFIG_PATH + "/certs";

    /** What the node's scripts keep on its own data volume, which outlives the pod: zone and last health seen. */
    static final String STATE_PATH = DATA_PATH + "/.dbaas";

    /** The pod annotation Nebula copies the zone of the pod's Kubernetes node into (ECK's convention). */
    static final String ZONE_ANNOTATION = "topology.kubernetes.io/zone";

    /** The entry of the bootstrap ConfigMap that lists the initial master nodes while the cluster has never formed. */
    static final String INITIAL_MASTER_NODES = "initial-master-nodes";

    /**
     * How long Elasticsearch lets requests in flight finish once it stops, answering them with {@code Connection:
     * close}; within the pod's termination grace period, after the pre-stop pause.
     */
    static final long HTTP_SHUTDOWN_GRACE_SECONDS = 30;

    Map<String, String> all() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CONFIG_FILE, elasticsearchYml());
        files.put(ROLES_FILE, rolesYml());
        files.put(NODE_API_SCRIPT, nodeApiScript());
        files.put(START_SCRIPT, startScript());
        files.put(READINESS_SCRIPT, readinessScript());
        files.put(PRE_STOP_SCRIPT, preStopScript());
        if (backup != null && !backup.sharedFileSystem()) {
            files.put(ElasticsearchBackupStorage.KEYSTORE_SCRIPT, backup.keystoreScript());
        }
        return files;
    }

    /**
     * Every node has the same roles, so that any node can replace any other: all of them but machine learning, whose
     * native processes take memory outside the heap that a data node sized for search and indexing does not have
     * (Elastic runs machine learning on nodes of its own). TLS on both layers from the cluster's own CA: transport
     * verifies the certificate, not the host name, because nodes reach each other by IP and only this cluster's nodes
     * hold a certificate of this CA (ECK verifies transport the same way). Users come from files only: the built-in
     * {@code elastic} user of the reserved realm is off, so nobody can change or lock out the credentials GateKeeper
     * and the nodes' own checks use, and no check depends on the {@code .security} index.
     */
    String elasticsearchYml() {
        return nodeSettings() + (backup == null ? "" : backup.elasticsearchYml());
    }

    private String nodeSettings() {
        return """
                # Rendered by Nebula. Node-specific values come from the pod's environment (downward API).
                cluster.name: %s
                node.name: ${POD_NAME}
                node.roles: [master, data, ingest, remote_cluster_client, transform]
                network.host: 0.0.0.0
                network.publish_host: ${POD_IP}
                http.publish_host: ${POD_NAME}.%s
                discovery.seed_hosts: [%s]
                path.data: %s
                path.logs: %s
                # vm.max_map_count cannot be guaranteed on every cloud's nodes without a privileged container (ADR 0006).
                node.store.allow_mmap: false
                # A stopping node finishes the requests it is serving before it closes its connections.
                http.shutdown_grace_period: %ds
                # Shard allocation awareness: a primary and its replicas never share a Kubernetes node or, when the
                # region has zones, a zone. The start script passes node.attr.zone.
                node.attr.k8s_node_name: ${NODE_NAME}
                cluster.routing.allocation.awareness.attributes: k8s_node_name,zone
                xpack.security.enabled: true
                xpack.security.authc.reserved_realm.enabled: false
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
                        LOGS_PATH,
                        HTTP_SHUTDOWN_GRACE_SECONDS);
    }

    /**
     * What the nodes' own user may do: read cluster health and state, and record or clear a node shutdown. In a scraped
     * cluster, also what the metrics exporter's user may do: read cluster and index statistics ({@code monitor}),
     * nothing that reads a document or changes anything.
     */
    String rolesYml() {
        String roles = """
                # Rendered by Nebula. The role of the nodes' own user (%s), read by the file-based roles store.
                %s:
                  cluster: [monitor, manage]
                """.formatted(ElasticsearchNames.NODE_USER, ElasticsearchNames.NODE_ROLE);
        if (!monitoringRole) {
            return roles;
        }
        return roles + """
                # The metrics exporter's user (%s): statistics only.
                %s:
                  cluster: [monitor]
                  indices:
                    - names: ['*']
                      privileges: [monitor]
                """.formatted(ElasticsearchNames.MONITORING_USER, ElasticsearchNames.MONITORING_ROLE);
    }

    /**
     * Calls this node's own HTTP API as {@link ElasticsearchNames#NODE_USER}, for the other scripts. The certificate is checked against
     * the cluster's CA under the name {@code localhost}, whatever address the node listens on; the password reaches
     * curl on standard input, never on its command line.
     */
    String nodeApiScript() {
        return """
                # Rendered by Nebula. Sourced by the other scripts: node_api METHOD PATH [BODY] calls this node's API.
                node_api() {
                  local address="$POD_IP"
                  [[ "$address" == *:* ]] && address="[$address]"
                  printf 'user = "%s:%%s"\\n' "$(cat '%s/%s')" | curl --silent --show-error --fail --max-time 3 \\
                    --config - --cacert '%s/ca.crt' --connect-to "localhost:9200:$address:9200" \\
                    --request "$1" --header 'Content-Type: application/json' ${3:+--data "$3"} "https://localhost:9200/$2"
                }
                """.formatted(
                        ElasticsearchNames.NODE_USER,
                        INTERNAL_USERS_PATH,
                        ElasticsearchNames.NODE_PASSWORD_ENTRY,
                        CERTIFICATES_PATH);
    }

    /**
     * Assembles the configuration directory, finds the node's zone, and starts Elasticsearch with the bootstrap list of
     * master nodes only while the bootstrap ConfigMap still holds it: Nebula empties it once the cluster has formed,
     * so a node that lost its data, or one added by scaling out, joins the existing cluster and never founds another.
     * The zone comes from the pod annotation Nebula writes; a pod recreated on an existing volume (a node drain while
     * Nebula is down) takes the zone it wrote there before, since a volume stays in its zone.
     */
    String startScript() {
        return """
                #!/bin/bash
                # Rendered by Nebula. Starts this Elasticsearch node.
                set -euo pipefail
                export ES_PATH_CONF='%1$s'
                cp -rn %2$s/config/. "$ES_PATH_CONF"/
                ln -sfn '%3$s/%4$s' "$ES_PATH_CONF/%4$s"
                ln -sfn '%3$s/%5$s' "$ES_PATH_CONF/%5$s"
                ln -sfn '%6$s/%13$s' "$ES_PATH_CONF/users"
                ln -sfn '%6$s/%14$s' "$ES_PATH_CONF/users_roles"

                state='%7$s'
                mkdir -p "$state"
                zone=''
                for attempt in $(seq 1 300); do
                  zone=$(sed -n 's/^%8$s="\\(.*\\)"$/\\1/p' '%9$s/annotations' 2>/dev/null || true)
                  [ -n "$zone" ] && break
                  if [ "$attempt" -ge 10 ] && [ -s "$state/zone" ]; then zone=$(cat "$state/zone"); break; fi
                  [ "$attempt" -eq 1 ] && echo 'Waiting for Nebula to annotate this pod with its zone (%10$s)' >&2
                  sleep 1
                done
                if [ -z "$zone" ]; then
                  echo 'Nebula has not annotated this pod with its zone (%10$s) within 5 minutes' >&2
                  exit 1
                fi
                printf '%%s' "$zone" > "$state/zone"
                # After a restart, readiness waits for the cluster to be as healthy as this node last saw it.
                if [ -f "$state/health" ]; then mv -f "$state/health" "$state/health-to-regain"; fi

                settings=("-Enode.attr.zone=$zone")
                seeds=$(cat '%11$s/%12$s' 2>/dev/null || true)
                if [ -n "$seeds" ]; then settings+=("-Ecluster.initial_master_nodes=$seeds"); fi
                exec %2$s/bin/elasticsearch "${settings[@]}" "$@"
                """.formatted(
                        CONFIG_PATH,
                        HOME,
                        SCRIPTS_PATH,
                        CONFIG_FILE,
                        ROLES_FILE,
                        INTERNAL_USERS_PATH,
                        STATE_PATH,
                        ZONE_ANNOTATION.replace(".", "\\.").replace("/", "\\/"),
                        DOWNWARD_API_PATH,
                        ZONE_ANNOTATION,
                        BOOTSTRAP_PATH,
                        INITIAL_MASTER_NODES,
                        ElasticsearchNames.USERS_ENTRY,
                        ElasticsearchNames.USERS_ROLES_ENTRY);
    }

    /**
     * Ready while the node's own view of the cluster has an elected master; not on the cluster's colour, so that one
     * red index does not take every node out of the Service. Right after a restart, though, only once the cluster is
     * back to the health this node last saw (see {@link #startScript()}): the StatefulSet then rolls the next node, and
     * the disruption budget lets the next drain through, only once the cluster recovered from this one. Every answer
     * is local to the node, so a busy master never makes the nodes unready.
     */
    String readinessScript() {
        return """
                #!/bin/bash
                # Rendered by Nebula. Readiness: in a cluster with an elected master, and recovered after a restart.
                set -uo pipefail
                source '%1$s/%2$s'
                state='%3$s'
                master=$(node_api GET '_cluster/state/master_node?local=true') || exit 1
                if [[ ! "$master" =~ \\"master_node\\":\\"[^\\"]+\\" ]]; then
                  echo "no elected master: $master" >&2
                  exit 1
                fi
                health=$(node_api GET '_cluster/health?local=true') || exit 1
                status=$(sed -n 's/.*"status":"\\([a-z]*\\)".*/\\1/p' <<< "$health")
                rank() { case "$1" in green) echo 2 ;; yellow) echo 1 ;; *) echo 0 ;; esac; }
                if [ -f "$state/health-to-regain" ]; then
                  wanted=$(cat "$state/health-to-regain")
                  if [ "$(rank "$status")" -lt "$(rank "$wanted")" ]; then
                    echo "the cluster is $status; this node waits for it to be $wanted again, as before it restarted" >&2
                    exit 1
                  fi
                  rm -f "$state/health-to-regain"
                  if [ -s "$state/shutdown-registered" ]; then
                    node_api DELETE "_nodes/$(cat "$state/shutdown-registered")/shutdown" > /dev/null && rm -f "$state/shutdown-registered"
                  fi
                fi
                if [ "$(cat "$state/health" 2>/dev/null)" != "$status" ]; then
                  printf '%%s' "$status" > "$state/health.new" && mv -f "$state/health.new" "$state/health"
                fi
                exit 0
                """.formatted(SCRIPTS_PATH, NODE_API_SCRIPT, STATE_PATH);
    }

    /**
     * Before the container gets SIGTERM: writes down the cluster's health (what the node waits for again after its
     * restart), tells Elasticsearch the node is restarting (the node shutdown API, so that its shards are not copied
     * elsewhere in the meantime; distributions without it go on without), then keeps serving while Kubernetes takes the
     * pod out of the Services' endpoints, GateKeeper's and kube-proxy's views included (ECK's pre-stop waits the same).
     */
    String preStopScript() {
        return """
                #!/bin/bash
                # Rendered by Nebula. Pre-stop: record the cluster's health, announce the restart, drain connections.
                set -uo pipefail
                source '%1$s/%2$s'
                state='%3$s'
                health=$(node_api GET '_cluster/health?local=true') &&
                  sed -n 's/.*"status":"\\([a-z]*\\)".*/\\1/p' <<< "$health" > "$state/health.new" &&
                  mv -f "$state/health.new" "$state/health"
                node=$(node_api GET '_nodes/_local?filter_path=nodes.*.name' | sed -n 's/.*"nodes":{"\\([^"]*\\)".*/\\1/p')
                if [ -n "$node" ] && node_api PUT "_nodes/$node/shutdown" \\
                    '{"type":"restart","reason":"pod stopping","allocation_delay":"10m"}' > /dev/null 2>&1; then
                  printf '%%s' "$node" > "$state/shutdown-registered"
                fi
                sleep %4$d
                """.formatted(SCRIPTS_PATH, NODE_API_SCRIPT, STATE_PATH, preStopPause.toSeconds());
    }
}
