package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.backup.RestoreSource;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The backups a claim may start from, as the backup module keeps them: declared here, implemented there, so that
 * clusters never depend on backups.
 */
public interface RestoreSources {

    /** The account's backup with that id, listed (a deleted cluster's during its retention); empty otherwise. */
    Optional<RestorableBackup> find(UUID accountId, String backupId);

    /**
     * A backup as a claim needs to see it.
     *
     * @param completed whether it can be restored at all
     * @param engineVersion the version that took it; null until completed
     * @param sizeInBytes its size; null until completed
     * @param sourceNodes how many nodes its cluster ran (a Qdrant restore maps node i to node i)
     */
    record RestorableBackup(
            RestoreSource source,
            Engine engine,
            boolean completed,
            @Nullable String engineVersion,
            @Nullable Long sizeInBytes,
            int sourceNodes) {}
}
