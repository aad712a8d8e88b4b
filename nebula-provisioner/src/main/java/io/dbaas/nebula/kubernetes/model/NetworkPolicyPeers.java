package io.dbaas.nebula.kubernetes.model;

import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.MonitoringPeers;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The peers and ports of NetworkPolicy rules, shared by every engine. */
final class NetworkPolicyPeers {

    private NetworkPolicyPeers() {}

    /** GateKeeper: its pods by label (in any namespace when no namespace selector is set), and its CIDRs. */
    static List<NetworkPolicyPeer> gatekeeper(GatekeeperPeers gatekeeper) {
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        if (gatekeeper.selectsPods()) {
            NetworkPolicyPeerBuilder peer = new NetworkPolicyPeerBuilder()
                    .withNewNamespaceSelector()
                    .withMatchLabels(sorted(gatekeeper.namespaceSelector()))
                    .endNamespaceSelector();
            if (!gatekeeper.podSelector().isEmpty()) {
                peer.withNewPodSelector()
                        .withMatchLabels(sorted(gatekeeper.podSelector()))
                        .endPodSelector();
            }
            peers.add(peer.build());
        }
        gatekeeper.ipBlocks().stream()
                .sorted()
                .forEach(cidr -> peers.add(new NetworkPolicyPeerBuilder()
                        .withNewIpBlock()
                        .withCidr(cidr)
                        .endIpBlock()
                        .build()));
        return peers;
    }

    /** The platform's Prometheus: the monitoring namespace, and in it only the scraper's pods when a selector says so. */
    static NetworkPolicyPeer monitoring(MonitoringPeers monitoring) {
        NetworkPolicyPeerBuilder peer = new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector()
                .withMatchLabels(sorted(monitoring.namespaceSelector()))
                .endNamespaceSelector();
        if (!monitoring.podSelector().isEmpty()) {
            peer.withNewPodSelector()
                    .withMatchLabels(sorted(monitoring.podSelector()))
                    .endPodSelector();
        }
        return peer.build();
    }

    /** The cluster's own pods, in its own namespace. */
    static NetworkPolicyPeer ownPods(Map<String, String> selector) {
        return new NetworkPolicyPeerBuilder()
                .withNewPodSelector()
                .withMatchLabels(selector)
                .endPodSelector()
                .build();
    }

    static NetworkPolicyPort tcp(int port) {
        return new NetworkPolicyPortBuilder()
                .withProtocol("TCP")
                .withNewPort(port)
                .build();
    }

    /** Configuration maps have no stable order; a rendered object must, or its hash changes on every start. */
    private static Map<String, String> sorted(Map<String, String> labels) {
        return new TreeMap<>(labels);
    }
}
