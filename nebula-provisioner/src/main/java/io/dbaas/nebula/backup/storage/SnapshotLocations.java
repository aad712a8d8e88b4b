package io.dbaas.nebula.backup.storage;

import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.nebula.region.Region;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Where Qdrant finds a backup's snapshots to recover them: pre-signed URLs of the objects in the region's store. */
public interface SnapshotLocations {

    /** One HTTPS URL per snapshot of {@code source}, in order, valid for {@code validFor}. */
    List<URI> presignedSnapshotUrls(Region region, UUID accountId, RestoreSource source, Duration validFor);
}
