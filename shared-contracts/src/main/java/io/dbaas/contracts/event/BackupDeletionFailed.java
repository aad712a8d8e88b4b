package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A backup could not be deleted; it is still in the backup storage and still counts against the account.
 *
 * @param reason a sentence for a human, free of secrets
 */
@JsonTypeName(BackupDeletionFailed.NAME)
public record BackupDeletionFailed(
        UUID id, Instant createdAt, MessageMetadata metadata, UUID clusterId, String backupId, String reason)
        implements BackupEvent {

    public static final String NAME = "BackupDeletionFailed";
    public static final String SCHEMA_ID = "dbaas.event.backup-deletion-failed.v1";

    public BackupDeletionFailed {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        Objects.requireNonNull(backupId, "backup_id");
        Objects.requireNonNull(reason, "reason");
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
