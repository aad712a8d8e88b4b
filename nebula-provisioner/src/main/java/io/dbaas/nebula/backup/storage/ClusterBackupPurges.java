package io.dbaas.nebula.backup.storage;

import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.region.Region;
import java.util.UUID;

/** Removes every backup of a deleted cluster from its region's backup storage. */
public interface ClusterBackupPurges {

    /**
     * Deletes every object under the cluster's path ({@code ClusterBackupStorage.basePath} and a slash) and nothing
     * else; a path already empty is purged with none.
     *
     * @return how many objects were deleted
     * @throws InfrastructureException when the storage cannot be purged: transient when trying again may help
     *     (unreachable, 5xx, a credentials Secret still missing), permanent otherwise (access denied, a kind of
     *     storage Nebula cannot purge); its reason is safe to publish
     */
    long purge(Region region, UUID accountId, UUID clusterId);
}
