package io.dbaas.contracts.command;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Engine;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Remove a cluster and every object it owns. What happens to its volumes is Nebula's configured volume policy.
 * Deleting a cluster that is already gone succeeds, so a redelivered command is harmless.
 */
@JsonTypeName(DeleteDBCluster.NAME)
public record DeleteDBCluster(
        UUID id,
        Instant createdAt,
        MessageMetadata metadata,
        UUID accountId,
        String cloudProvider,
        String cloudRegion,
        UUID clusterId,
        Engine engine)
        implements ClusterCommand {

    public static final String NAME = "DeleteDBCluster";
    public static final String SCHEMA_ID = "dbaas.command.delete-db-cluster.v1";

    public DeleteDBCluster {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        Objects.requireNonNull(accountId, "account_id");
        Objects.requireNonNull(cloudProvider, "cloud_provider");
        Objects.requireNonNull(cloudRegion, "cloud_region");
        Objects.requireNonNull(engine, "engine");
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
