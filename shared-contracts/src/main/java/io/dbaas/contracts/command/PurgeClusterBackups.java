package io.dbaas.contracts.command;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Engine;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.UUID;

/**
 * Remove every backup of a deleted cluster from its region's backup storage: everything under the cluster's path
 * ({@code [<prefix>/]accounts/<account>/clusters/<cluster>}). Orion sends it when the backups' retention after the
 * cluster's deletion has passed. Nebula does it through the storage's API with the region's credentials, since the
 * cluster's namespace, and its engine, are gone. Purging a path that is already empty succeeds. Nebula answers with
 * {@link io.dbaas.contracts.event.ClusterBackupsPurged}.
 */
@JsonTypeName(PurgeClusterBackups.NAME)
public record PurgeClusterBackups(
        UUID id,
        Instant createdAt,
        MessageMetadata metadata,
        UUID accountId,
        String cloudProvider,
        String cloudRegion,
        UUID clusterId,
        Engine engine)
        implements BackupCommand {

    public static final String NAME = "PurgeClusterBackups";
    public static final String SCHEMA_ID = "dbaas.command.purge-cluster-backups.v1";

    public PurgeClusterBackups {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        BackupCommand.requireTarget(accountId, cloudProvider, cloudRegion, engine);
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
