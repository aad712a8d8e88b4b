package io.dbaas.nebula.kubernetes.model;

/**
 * The script every Qdrant pod starts with. Pod 0 founds the Raft cluster, the others join through it, as in
 * qdrant-helm; unlike there, pod 0 first asks the other pods whether a cluster runs already, and if one does, starts
 * with {@code --bootstrap} through a ready peer. Qdrant ignores {@code --bootstrap} when its volume holds the Raft
 * state of a cluster it took part in, so nothing changes for a pod 0 that restarts on its volume; a pod 0 whose volume
 * was lost or replaced (or holds only the state of a join that was refused) joins the running cluster instead of
 * founding a second one behind the same Service. A peer counts only when its {@code /readyz} answers 200: Qdrant serves
 * HTTP before a new peer has joined, but says ready only once that peer is part of a cluster and caught up with it, so
 * the pods of a cluster being created never look like a running cluster to pod 0. The other pods are found by the
 * headless Service's DNS name, which lists every pod, ready or not: the script does not change with the number of
 * nodes, so scaling restarts no pod.
 *
 * @param statefulSet the StatefulSet's name, the prefix of pod names
 * @param headlessService the headless Service that gives pods their DNS names
 * @param namespace the cluster's namespace
 * @param httpPort Qdrant's REST port, where {@code /readyz} answers
 * @param p2pPort Qdrant's peer-to-peer port, the one peer URIs name
 */
record QdrantStartScript(String statefulSet, String headlessService, String namespace, int httpPort, int p2pPort) {

    /** Qdrant's entrypoint in its image. */
    static final String ENTRYPOINT = "/qdrant/entrypoint.sh";

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
                http_port=%2$d
                p2p_port=%3$d
                pod_host() { printf '%4$s-%%s.%5$s.%6$s' "$1"; }
                # Every pod's address, ready or not (the headless Service publishes them all), this one's included.
                peer_addresses() { getent ahosts '%5$s.%6$s' | while read -r address _; do echo "$address"; done | sort -u; }
                uri() { if [[ "$1" == *:* ]]; then printf 'http://[%%s]:%%d' "$1" "$p2p_port"; else printf 'http://%%s:%%d' "$1" "$p2p_port"; fi; }
                # Whether a peer answers 200 on /readyz: it is part of a cluster and has caught up with it.
                peer_ready() {
                  timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1" &&
                    printf "GET /readyz HTTP/1.0\\r\\nHost: %%s\\r\\n\\r\\n" "$0" >&3 &&
                    read -r status <&3 && [[ "$status" == "HTTP/1."?" 200"* ]]' "$1" "$http_port" 2>/dev/null
                }
                ordinal="${HOSTNAME##*-}"
                if [ "$ordinal" != "0" ]; then
                  exec "$entrypoint" --bootstrap "$(uri "$(pod_host 0)")" --uri "$(uri "$(pod_host "$ordinal")")"
                fi
                for address in $(peer_addresses || true); do
                  if peer_ready "$address"; then
                    echo "The peer at $address is ready: a cluster runs, pod 0 starts with --bootstrap through it"
                    exec "$entrypoint" --bootstrap "$(uri "$address")" --uri "$(uri "$(pod_host 0)")"
                  fi
                done
                exec "$entrypoint" --uri "$(uri "$(pod_host 0)")"
                """.formatted(ENTRYPOINT, httpPort, p2pPort, statefulSet, headlessService, namespace);
    }
}
