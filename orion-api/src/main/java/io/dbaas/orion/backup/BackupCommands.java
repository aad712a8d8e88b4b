package io.dbaas.orion.backup;

import io.dbaas.contracts.backup.BackupTrigger;
import io.dbaas.contracts.command.DeleteBackup;
import io.dbaas.contracts.command.PurgeClusterBackups;
import io.dbaas.contracts.command.TakeBackup;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.orion.outbox.Outbox;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Writes backup commands for Nebula to the outbox, in the caller's transaction like every other command. */
@Component
class BackupCommands {

    private final Outbox outbox;
    private final MessageTracing tracing;

    BackupCommands(Outbox outbox, MessageTracing tracing) {
        this.outbox = outbox;
        this.tracing = tracing;
    }

    /** {@code commandId} is the operation's id for a backup asked for through the API, so Nebula's answer finds it. */
    void take(UUID commandId, BackupTarget cluster, String backupId, BackupTrigger trigger, Instant now) {
        outbox.append(new TakeBackup(
                commandId,
                now,
                tracing.startingChain(commandId),
                cluster.accountId(),
                cluster.provider(),
                cluster.region(),
                cluster.clusterId(),
                cluster.engine(),
                backupId,
                trigger));
    }

    void delete(BackupTarget cluster, Backup backup, Instant now) {
        UUID id = UUID.randomUUID();
        outbox.append(new DeleteBackup(
                id,
                now,
                tracing.startingChain(id),
                cluster.accountId(),
                cluster.provider(),
                cluster.region(),
                cluster.clusterId(),
                cluster.engine(),
                backup.id(),
                backup.snapshots()));
    }

    void purge(UUID commandId, BackupTarget cluster, Instant now) {
        outbox.append(new PurgeClusterBackups(
                commandId,
                now,
                tracing.startingChain(commandId),
                cluster.accountId(),
                cluster.provider(),
                cluster.region(),
                cluster.clusterId(),
                cluster.engine()));
    }
}
