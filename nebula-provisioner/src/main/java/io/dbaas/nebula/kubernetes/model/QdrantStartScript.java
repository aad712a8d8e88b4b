package io.dbaas.nebula.kubernetes.model;

/**
 * The script every Qdrant pod starts with. Pod 0 founds the Raft cluster, the others join through it, as in
 * qdrant-helm; unlike there, pod 0 first finds out whether a cluster runs already, and if one does, starts with
 * {@code --bootstrap} through a ready peer. Qdrant ignores {@code --bootstrap} when its volume holds the Raft state of
 * a cluster it took part in, so nothing changes for a pod 0 that restarts on its volume; a pod 0 whose volume was lost
 * or replaced (or holds only the state of a join that was refused) joins the running cluster instead of founding a
 * second one behind the same Service.
 *
 * <p>Whether a peer is ready comes from Kubernetes, not from the peer: a headless Service that publishes ready pods
 * only resolves to their addresses. Asking a peer's {@code /readyz} would need an HTTPS client, and the Qdrant image
 * has neither curl nor openssl (bash's {@code /dev/tcp} speaks no TLS); Kubernetes runs that very probe already, over
 * HTTPS, and its verdict does not change when the cluster's TLS does. Qdrant says ready only once a peer is part of a
 * cluster and caught up with it, so the pods of a cluster being created never look like a running cluster to pod 0.
 *
 * <p>The p2p certificate names pods, never addresses, so pod 0 bootstraps through a ready peer's DNS name: it
 * resolves {@code <statefulSet>-1.<headless>.<namespace>}, {@code -2}, … (names the headless Service publishes for
 * every pod, ready or not) and takes the first whose address the ready-only Service lists. Pods are created in
 * parallel and one may be missing for a while (evicted, rescheduled), so names that do not resolve end the search
 * only after {@link #MISSING_PODS_IN_A_ROW} in a row. Ready peers that no name leads to (a DNS answer that lags behind
 * a restart) make the script exit with an error rather than found a second cluster: Kubernetes starts it again, and
 * the next attempt sees DNS settled. The script does not change with the number of nodes, so scaling restarts no pod.
 *
 * <p>The ConfigMap holding the script is written at once, while a new pod template may wait for the cluster's next
 * command (the rollout rule of ADR 0015): a pod restarted meanwhile runs this script with its older environment, so
 * the peer URIs' scheme comes from the pod's own {@code QDRANT__CLUSTER__P2P__ENABLE_TLS}, never from the script.
 *
 * @param statefulSet the StatefulSet's name, the prefix of pod names
 * @param headlessService the headless Service that gives pods their DNS names, ready or not
 * @param readyService the headless Service that lists ready pods only
 * @param namespace the cluster's namespace
 * @param p2pPort Qdrant's peer-to-peer port, the one peer URIs name
 */
record QdrantStartScript(
        String statefulSet, String headlessService, String readyService, String namespace, int p2pPort) {

    /** Qdrant's entrypoint in its image. */
    static final String ENTRYPOINT = "/qdrant/entrypoint.sh";

    /** How many pod names in a row may not resolve before pod 0 stops looking for a ready peer. */
    static final int MISSING_PODS_IN_A_ROW = 5;

    String render() {
        return """
                #!/bin/bash
                # Rendered by Nebula. Pod 0 founds the Qdrant cluster and every other pod joins it through pod 0. Pod 0
                # starts with --bootstrap through a ready peer when there is one: Qdrant ignores it when its volume holds
                # the state of a cluster it took part in, and a pod 0 with a lost volume joins rather than founding a
                # second cluster.
                set -euo pipefail
                # Qdrant keeps files open for every segment: lift the soft limit on open files to the hard limit, as
                # qdrant-helm does. Raising a soft limit up to the hard one needs no privilege.
                ulimit -n "$(ulimit -Hn)"
                entrypoint='%1$s'
                p2p_port=%2$d
                missing_in_a_row=%3$d
                pod_host() { printf '%4$s-%%s.%5$s.%7$s' "$1"; }
                # A peer URI holds a name: peers' certificates name pods. Its scheme follows this pod's own p2p setting,
                # so a pod whose StatefulSet still runs an older template (plain peers) announces what it serves.
                p2p_scheme=http
                if [ "${QDRANT__CLUSTER__P2P__ENABLE_TLS:-false}" = "true" ]; then p2p_scheme=https; fi
                uri() { printf '%%s://%%s:%%d' "$p2p_scheme" "$1" "$p2p_port"; }
                # The addresses a name resolves to, one a line; none when it does not resolve.
                addresses() { { getent ahosts "$1" || true; } | while read -r address _; do echo "$address"; done | sort -u; }
                ordinal="${HOSTNAME##*-}"
                if [ "$ordinal" != "0" ]; then
                  exec "$entrypoint" --bootstrap "$(uri "$(pod_host 0)")" --uri "$(uri "$(pod_host "$ordinal")")"
                fi
                # Ready pods other than this one, as Kubernetes judges them by their readiness probe (/readyz).
                own="$(addresses "$(pod_host 0)")"
                ready="$(addresses '%6$s.%7$s' | { grep -vxF -e "$own" || true; })"
                if [ -z "$ready" ]; then
                  exec "$entrypoint" --uri "$(uri "$(pod_host 0)")"
                fi
                missing=0
                for ((peer = 1; missing < missing_in_a_row; peer++)); do
                  peer_addresses="$(addresses "$(pod_host "$peer")")"
                  if [ -z "$peer_addresses" ]; then
                    missing=$((missing + 1))
                    continue
                  fi
                  missing=0
                  if grep -qxF -e "$peer_addresses" <<<"$ready"; then
                    echo "Pod $peer is ready: a cluster runs, pod 0 starts with --bootstrap through it"
                    exec "$entrypoint" --bootstrap "$(uri "$(pod_host "$peer")")" --uri "$(uri "$(pod_host 0)")"
                  fi
                done
                # Founding now could make a second cluster; a restart looks again, once DNS has settled.
                echo "Ready peers at $(echo $ready) but no pod name leads to one: pod 0 exits to look again" >&2
                exit 1
                """.formatted(
                ENTRYPOINT, p2pPort, MISSING_PODS_IN_A_ROW, statefulSet, headlessService, readyService, namespace);
    }
}
