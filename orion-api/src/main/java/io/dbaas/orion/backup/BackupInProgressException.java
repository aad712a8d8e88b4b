package io.dbaas.orion.backup;

import java.util.UUID;

/** A backup of the cluster is being taken; another, or deleting this one, waits until it is done. */
public class BackupInProgressException extends RuntimeException {

    public BackupInProgressException(UUID clusterId) {
        super("a backup of cluster " + clusterId + " is being taken; try again once it is done");
    }
}
