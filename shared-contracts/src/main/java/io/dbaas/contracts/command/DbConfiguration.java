package io.dbaas.contracts.command;

import java.util.Objects;

/**
 * The shape of the cluster asked for.
 *
 * @param clusterEndpoint the public host name clients use, {@code <cluster-uuid>.<region>.<provider>.<tld>}
 * @param numNodes number of nodes
 * @param nodeConfiguration resources of each node
 */
public record DbConfiguration(String clusterEndpoint, int numNodes, NodeConfiguration nodeConfiguration) {

    public DbConfiguration {
        Objects.requireNonNull(clusterEndpoint, "cluster_endpoint");
        Objects.requireNonNull(nodeConfiguration, "node_configuration");
        if (numNodes < 1) {
            throw new IllegalArgumentException("num_nodes must be at least 1");
        }
    }
}
