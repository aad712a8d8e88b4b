package io.dbaas.contracts.command;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Engine;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.backup.BackupTrigger;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Take a backup of a running cluster now. The backup's id names the backup agent's Job, so a redelivered command, or
 * the same command handled by two Nebulas, takes one backup (ADR 0017). Nebula answers with
 * {@link io.dbaas.contracts.event.BackupCompleted} or {@link io.dbaas.contracts.event.BackupFailed}, never both.
 *
 * @param backupId the backup's id, {@link io.dbaas.contracts.backup.BackupIds}: also the snapshot's name
 * @param trigger why the backup is taken
 */
@JsonTypeName(TakeBackup.NAME)
public record TakeBackup(
        UUID id,
        Instant createdAt,
        MessageMetadata metadata,
        UUID accountId,
        String cloudProvider,
        String cloudRegion,
        UUID clusterId,
        Engine engine,
        String backupId,
        BackupTrigger trigger)
        implements BackupCommand {

    public static final String NAME = "TakeBackup";
    public static final String SCHEMA_ID = "dbaas.command.take-backup.v1";

    public TakeBackup {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        BackupCommand.requireTarget(accountId, cloudProvider, cloudRegion, engine);
        BackupCommand.requireBackupOf(backupId, clusterId);
        Objects.requireNonNull(trigger, "trigger");
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
