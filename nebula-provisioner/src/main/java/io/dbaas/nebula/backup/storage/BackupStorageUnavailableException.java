package io.dbaas.nebula.backup.storage;

/**
 * The region's backup storage, or the Secret holding its credentials, could not be reached for now: no answer, a 5xx
 * or 429 answer, or a credentials Secret the region's operator has yet to create. Trying again later may succeed,
 * unlike the other {@link BackupStorageException}s (access denied, no such bucket, no such snapshot), which stay until
 * someone changes the configuration.
 */
public class BackupStorageUnavailableException extends BackupStorageException {

    public BackupStorageUnavailableException(String message) {
        super(message);
    }

    public BackupStorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
