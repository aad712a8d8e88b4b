package io.dbaas.contracts.command;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Engine;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.UUID;

/** Create a new database cluster. Handling it twice (same {@code id}) gives the same cluster. */
@JsonTypeName(ProvisionDBCluster.NAME)
public record ProvisionDBCluster(
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

    public static final String NAME = "ProvisionDBCluster";
    public static final String SCHEMA_ID = "dbaas.command.provision-db-cluster.v1";

    public ProvisionDBCluster {
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
