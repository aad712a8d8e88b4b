package io.dbaas.contracts.backup;

import java.util.Objects;

/**
 * One of Qdrant's snapshots that make up a backup: Qdrant snapshots each collection on each node, so a backup of a
 * Qdrant cluster is a list of these (Elasticsearch's backups are one snapshot and have none). Read from the backup
 * agent's report, kept by Orion, and given back to Nebula to delete or restore the backup.
 *
 * @param node the node's ordinal in the cluster ({@code qdrant-<node>})
 * @param collection the collection's name
 * @param snapshot the snapshot's name as Qdrant gave it
 * @param sizeInBytes the snapshot's size
 * @param checksum the snapshot's SHA-256, hex, as Qdrant reported it; checked on recovery
 */
public record BackupSnapshot(int node, String collection, String snapshot, long sizeInBytes, String checksum) {

    public BackupSnapshot {
        if (node < 0) {
            throw new IllegalArgumentException("node must not be negative");
        }
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(checksum, "checksum");
    }
}
