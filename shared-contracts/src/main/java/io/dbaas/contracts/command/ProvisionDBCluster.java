package io.dbaas.contracts.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Engine;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.backup.RestoreSource;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Create a new database cluster. Handling it twice (same {@code id}) gives the same cluster.
 *
 * @param restoreFrom the backup the cluster starts from, or {@code null} for an empty cluster. Nebula restores it once
 *     every node is ready and reports the cluster provisioned only when the restore succeeded (a failed restore fails
 *     the cluster, with the engine's reason); absent from the JSON when {@code null}
 */
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
        DbConfiguration dbConfiguration,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable RestoreSource restoreFrom)
        implements ClusterSpecCommand {

    public static final String NAME = "ProvisionDBCluster";
    public static final String SCHEMA_ID = "dbaas.command.provision-db-cluster.v1";

    public ProvisionDBCluster {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        ClusterSpecCommand.requireSpec(
                accountId, cloudProvider, cloudRegion, clusterName, engine, clusterVersion, dbConfiguration);
    }

    /** A new, empty cluster. */
    public ProvisionDBCluster(
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
            DbConfiguration dbConfiguration) {
        this(
                id,
                createdAt,
                metadata,
                accountId,
                cloudProvider,
                cloudRegion,
                clusterId,
                clusterName,
                engine,
                clusterVersion,
                dbConfiguration,
                null);
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
