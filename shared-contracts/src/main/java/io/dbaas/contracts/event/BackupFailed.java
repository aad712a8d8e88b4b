package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A backup could not be taken. Nothing of it can be restored; whatever the engine wrote of it is deleted with it.
 *
 * @param reason a sentence for a human, free of secrets: the engine's own error type and reason where it gave one
 */
@JsonTypeName(BackupFailed.NAME)
public record BackupFailed(
        UUID id, Instant createdAt, MessageMetadata metadata, UUID clusterId, String backupId, String reason)
        implements BackupEvent {

    public static final String NAME = "BackupFailed";
    public static final String SCHEMA_ID = "dbaas.event.backup-failed.v1";

    public BackupFailed {
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
