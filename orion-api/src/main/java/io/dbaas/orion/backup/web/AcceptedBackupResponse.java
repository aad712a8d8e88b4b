package io.dbaas.orion.backup.web;

import io.dbaas.orion.backup.AcceptedBackup;
import io.dbaas.orion.operation.web.OperationResponse;

/** A backup asked for now: the backup ({@code running}) and the operation that completes when it does. */
record AcceptedBackupResponse(BackupResponse backup, OperationResponse operation) {

    static AcceptedBackupResponse of(AcceptedBackup accepted) {
        return new AcceptedBackupResponse(
                BackupResponse.of(accepted.backup()), OperationResponse.of(accepted.operation()));
    }
}
