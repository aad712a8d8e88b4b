package io.dbaas.orion.backup;

/** No backup with that id is visible to the caller (another account's is not found either). */
public class BackupNotFoundException extends RuntimeException {

    public BackupNotFoundException(String backupId) {
        super("backup " + backupId + " not found");
    }
}
