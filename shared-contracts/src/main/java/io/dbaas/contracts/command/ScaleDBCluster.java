package io.dbaas.contracts.command;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Engine;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.UUID;

/**
 * Change the number of nodes and/or the resources of each node of an existing cluster. The command carries the whole
 * desired cluster, not a difference, so that handling it twice (same {@code id}) converges on the same cluster.
 * Nebula refuses a scale-in that would lose data, with {@code ClusterChangeFailed}.
 */
@JsonTypeName(ScaleDBCluster.NAME)
public record ScaleDBCluster(
        UUID id,
        Instant createdAt,
        MessageMetadata metadata,
        UUID accountId,
        String cloudProvider,
        String cloudRegion,
        UUID clusterId,
        String clusterName,
        Engine engine,
        String clusterVersion,
        DbConfiguration dbConfiguration)
        implements ClusterSpecCommand {

    public static final String NAME = "ScaleDBCluster";
    public static final String SCHEMA_ID = "dbaas.command.scale-db-cluster.v1";

    public ScaleDBCluster {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        ClusterSpecCommand.requireSpec(
                accountId, cloudProvider, cloudRegion, clusterName, engine, clusterVersion, dbConfiguration);
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
