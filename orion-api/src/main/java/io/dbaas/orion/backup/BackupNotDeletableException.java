package io.dbaas.orion.backup;

/** The backup cannot be deleted on its own now (its cluster is gone: its backups are purged together). */
public class BackupNotDeletableException extends RuntimeException {

    public BackupNotDeletableException(String message) {
        super(message);
    }
}
