package io.dbaas.nebula.backup.storage;

/** The region's backup storage could not be reached or did not hold what was asked for; the message is safe to show. */
public class BackupStorageException extends RuntimeException {

    public BackupStorageException(String message) {
        super(message);
    }

    public BackupStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
