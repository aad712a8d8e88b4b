package io.dbaas.orion.backup;

import java.util.Locale;

/** Where a backup stands, as clients read it ({@code state}, in lower case). */
public enum BackupState {
    /** The backup agent is taking it. */
    RUNNING,
    /** It can be restored into a new cluster. */
    COMPLETED,
    /** It could not be taken; {@code reason} says why. Nothing of it is in the storage. */
    FAILED,
    /** Its deletion was asked for (by a user or the retention) and Nebula is carrying it out. */
    DELETING,
    /** It is gone from the storage. */
    DELETED,
    /** Its cluster was deleted and, past the retention after deletion, every backup of it was purged. */
    PURGED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
