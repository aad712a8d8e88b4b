package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A backup is gone from the backup storage.
 *
 * @param alreadyAbsent the backup was not there any more when Nebula came to delete it
 */
@JsonTypeName(BackupDeleted.NAME)
public record BackupDeleted(
        UUID id, Instant createdAt, MessageMetadata metadata, UUID clusterId, String backupId, boolean alreadyAbsent)
        implements BackupEvent {

    public static final String NAME = "BackupDeleted";
    public static final String SCHEMA_ID = "dbaas.event.backup-deleted.v1";

    public BackupDeleted {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        Objects.requireNonNull(backupId, "backup_id");
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
