package io.dbaas.nebula.kubernetes.status;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Restores the backup a new cluster starts from, once every node of it is ready. Its end is reported on the cluster's
 * StatefulSet ({@code dbaas.io/restore-outcome}), which lets the status side announce the cluster provisioned; a
 * failed restore is announced as the cluster's failure by whoever saw it fail.
 */
public interface BackupRestores {

    /**
     * Starts the restore; does nothing when it was started already.
     *
     * @throws RuntimeException when it could not be started now; it is asked for again on the next look
     */
    void restoreDue(RegionConnection connection, DueRestore restore);

    /** The new cluster whose backup is to be restored, and the command that asked for it. */
    record DueRestore(
            UUID clusterId,
            Engine engine,
            String namespace,
            int nodes,
            UUID commandId,
            UUID correlationId,
            @Nullable String traceId) {}
}
