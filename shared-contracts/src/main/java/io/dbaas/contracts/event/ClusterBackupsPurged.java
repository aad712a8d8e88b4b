package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.UUID;

/**
 * Every backup of a deleted cluster is gone from the region's backup storage: nothing is left under its path.
 *
 * @param objectsDeleted how many objects were deleted (none when the path was already empty)
 */
@JsonTypeName(ClusterBackupsPurged.NAME)
public record ClusterBackupsPurged(
        UUID id, Instant createdAt, MessageMetadata metadata, UUID clusterId, long objectsDeleted)
        implements BackupEvent {

    public static final String NAME = "ClusterBackupsPurged";
    public static final String SCHEMA_ID = "dbaas.event.cluster-backups-purged.v1";

    public ClusterBackupsPurged {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
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
