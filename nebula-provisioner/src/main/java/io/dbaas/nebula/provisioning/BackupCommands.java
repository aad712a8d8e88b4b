package io.dbaas.nebula.provisioning;

import io.dbaas.contracts.command.BackupCommand;

/**
 * Carries out the backup commands ({@code TakeBackup}, {@code DeleteBackup}, {@code PurgeClusterBackups}). Their
 * outcome comes later, as backup events; a failure that may pass throws {@link CommandDeferredException}, for the
 * command to be tried again.
 */
public interface BackupCommands {

    void handle(BackupCommand command);

    /** Ends a command that waited past the retry horizon, as a permanent failure of it would have. */
    void giveUp(BackupCommand command, String reason);
}
