package io.dbaas.nebula.backup.storage;

import java.util.List;

/** Where Qdrant finds a backup's snapshots to recover them: pre-signed URLs of the objects in the region's store. */
public interface SnapshotLocations {
    /** One HTTPS URL per snapshot of {@code source}, in order, valid for {@code validFor}. */
    List<java.net.URI> presignedSnapshotUrls(
            io.dbaas.nebula.region.Region region,
            java.util.UUID accountId,
            io.dbaas.contracts.backup.RestoreSource source,
            java.time.Duration validFor);
}
