package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A scale, resize or upgrade (the command named by {@code metadata.causation_id}) is complete: the cluster runs the
 * shape below and serves again with every node ready.
 *
 * @param clusterVersion the engine version every node runs
 * @param numNodes the number of nodes
 * @param nodesReady number of ready nodes
 */
@JsonTypeName(ClusterUpdated.NAME)
public record ClusterUpdated(
        UUID id,
        Instant createdAt,
        MessageMetadata metadata,
        UUID clusterId,
        String clusterVersion,
        int numNodes,
        int nodesReady)
        implements ClusterEvent {

    public static final String NAME = "ClusterUpdated";
    public static final String SCHEMA_ID = "dbaas.event.cluster-updated.v1";

    public ClusterUpdated {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        Objects.requireNonNull(clusterVersion, "cluster_version");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String schemaId() {
        return SCHEMA_ID;
    }
}
