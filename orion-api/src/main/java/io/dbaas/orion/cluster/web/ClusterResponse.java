package io.dbaas.orion.cluster.web;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterShape;
import io.dbaas.orion.cluster.ClusterState;
import io.dbaas.orion.cluster.Warning;
import io.dbaas.orion.operation.Operation;
import io.dbaas.orion.operation.web.OperationResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A cluster as clients see it. {@code version}, {@code nodes} and {@code node_resources} are what the cluster runs (as
 * Nebula last confirmed; before provisioning, what was claimed); {@code operation} is the operation under way, if any,
 * whose {@code requested} says what the cluster was asked to become. {@code warnings} is about what it runs (a single
 * node is not highly available), empty when there is nothing to say. The master key never appears here, sealed or not.
 */
record ClusterResponse(
        UUID id,
        String name,
        Engine engine,
        String version,
        String provider,
        String region,
        int nodes,
        NodeResources nodeResources,
        String endpoint,
        ClusterState state,
        String reason,
        List<Warning> warnings,
        int nodesReady,
        Instant createdAt,
        Instant updatedAt,
        @Nullable OperationResponse operation) {

    record NodeResources(String cpu, String memory, String disk) {}

    static ClusterResponse of(Cluster cluster, @Nullable Operation inProgress) {
        ClusterShape running = cluster.running();
        return new ClusterResponse(
                cluster.id(),
                cluster.name(),
                cluster.engine(),
                running.version(),
                cluster.provider(),
                cluster.region(),
                running.nodes(),
                new NodeResources(running.cpu(), running.memory(), running.disk()),
                cluster.endpoint(),
                cluster.state(),
                cluster.reason(),
                Warning.forNodes(running.nodes()),
                cluster.nodesReady(),
                cluster.createdAt(),
                cluster.updatedAt(),
                inProgress == null ? null : OperationResponse.of(inProgress));
    }
}
