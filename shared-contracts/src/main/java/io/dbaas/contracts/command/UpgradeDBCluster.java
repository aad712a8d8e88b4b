package io.dbaas.contracts.command;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Engine;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Roll an existing cluster onto a newer engine version, one node at a time. {@code clusterVersion} is the target;
 * {@code previousVersion} the version it runs now. Orion never asks for a downgrade and Nebula refuses one.
 */
@JsonTypeName(UpgradeDBCluster.NAME)
public record UpgradeDBCluster(
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
        String previousVersion,
        DbConfiguration dbConfiguration)
        implements ClusterSpecCommand {

    public static final String NAME = "UpgradeDBCluster";
    public static final String SCHEMA_ID = "dbaas.command.upgrade-db-cluster.v1";

    public UpgradeDBCluster {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        ClusterSpecCommand.requireSpec(
                accountId, cloudProvider, cloudRegion, clusterName, engine, clusterVersion, dbConfiguration);
        Objects.requireNonNull(previousVersion, "previous_version");
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
