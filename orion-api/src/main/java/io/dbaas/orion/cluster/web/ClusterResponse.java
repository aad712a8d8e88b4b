package io.dbaas.orion.cluster.web;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterState;
import java.time.Instant;
import java.util.UUID;

/** A cluster as clients see it. The master key never appears here, sealed or not. */
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
        int nodesReady,
        Instant createdAt,
        Instant updatedAt) {

    record NodeResources(String cpu, String memory, String disk) {}

    static ClusterResponse of(Cluster cluster) {
        return new ClusterResponse(
                cluster.id(),
                cluster.name(),
                cluster.engine(),
                cluster.engineVersion(),
                cluster.provider(),
                cluster.region(),
                cluster.nodes(),
                new NodeResources(cluster.cpu(), cluster.memory(), cluster.disk()),
                cluster.endpoint(),
                cluster.state(),
                cluster.reason(),
                cluster.nodesReady(),
                cluster.createdAt(),
                cluster.updatedAt());
    }
}
