package io.dbaas.orion.cluster;

import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.capacity.Resources;
import jakarta.persistence.Embeddable;

/**
 * The engine version, the number of nodes and each node's resources (Kubernetes quantities as the client wrote them):
 * what a cluster runs, or what it was asked to become.
 */
@Embeddable
public record ClusterShape(String version, int nodes, String cpu, String memory, String disk) {

    static ClusterShape of(ClusterSpec spec) {
        return new ClusterShape(
                spec.version(),
                spec.nodes(),
                spec.cpu().text(),
                spec.memory().text(),
                spec.disk().text());
    }

    /** What the cluster takes of its region: every node's resources together. */
    public Resources demand() {
        return Resources.of(Quantity.of(cpu), Quantity.of(memory), Quantity.of(disk))
                .times(nodes);
    }

    /** Whether the number of nodes or a node's resources differ, however the quantities are written. */
    boolean sizeDiffersFrom(ClusterShape other) {
        return nodes != other.nodes
                || Quantity.of(cpu).compareTo(Quantity.of(other.cpu)) != 0
                || Quantity.of(memory).compareTo(Quantity.of(other.memory)) != 0
                || Quantity.of(disk).compareTo(Quantity.of(other.disk)) != 0;
    }

    ClusterShape withVersionAndNodes(String newVersion, int newNodes) {
        return new ClusterShape(newVersion, newNodes, cpu, memory, disk);
    }
}
